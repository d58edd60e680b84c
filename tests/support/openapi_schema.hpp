// Checks JSON values against the schemas of an OpenAPI document in proto/ (the keywords proto/ uses: $ref, type,
// required, properties, additionalProperties, items, enum, const, oneOf with discriminator, minItems, minLength).
#pragma once
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace openapi {

/// The node a local reference (`#/components/...`) points at in `doc`; nullptr when it does not resolve.
const boost::json::value* resolve(const boost::json::value& doc, std::string_view ref);
/// `node` with `$ref`s followed until a node without one; nullptr when a reference does not resolve.
const boost::json::value* dereference(const boost::json::value& doc, const boost::json::value& node);
/// Every way `value` departs from the schema `schema` (a node of `doc`, or one shaped like it), one line each
/// starting with its JSON path (`$`, `$.field`, `$[0]`); empty when it conforms. Properties the schema does not
/// list are allowed unless `additionalProperties: false` (docs/api.md: fields may be added).
std::string value_problems(const boost::json::value& doc, const boost::json::value& schema, const boost::json::value& value);
/// value_problems() against `#/components/schemas/<schema>` of `doc`.
std::string schema_problems(const boost::json::value& doc, const std::string& schema, const boost::json::value& value);

}  // namespace openapi
