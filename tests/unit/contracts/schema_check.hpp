// Checks JSON values against the component schemas of an OpenAPI document in proto/ (the keywords proto/ uses:
// $ref, type, required, properties, additionalProperties, items, enum, const, oneOf, minItems, minLength).
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace contracts {

/// The OpenAPI YAML document at `relative_path` (from the repository root) as JSON, converted with python3-yaml.
/// Throws std::runtime_error when python3 or the file is missing.
boost::json::value load_openapi(const std::string& relative_path);
/// Every way `value` departs from `#/components/schemas/<schema>` of `doc`, one line each with its JSON path;
/// empty when it conforms. Properties the schema does not list are allowed (api.md: fields may be added).
std::string schema_problems(const boost::json::value& doc, const std::string& schema, const boost::json::value& value);

}  // namespace contracts
