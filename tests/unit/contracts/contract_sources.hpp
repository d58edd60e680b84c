// Reads both sides of the API contract: operations of the OpenAPI documents in proto/, the services' route
// tables (parsed from source: building a router needs the services' live collaborators) and the gateway's locations.
#pragma once
#include <map>
#include <set>
#include <string>

namespace contracts {

/// Operations as "METHOD /path" (method upper-case, path as written, `{param}` segments kept).
using operation_set = std::set<std::string>;

/// The operations in the `paths:` block of an OpenAPI YAML text (2-space path keys, 4-space method keys).
operation_set openapi_operations(const std::string& yaml_text);
/// The `add("METHOD", "/path", ...)` calls inside the body of the function `function` of a C++ source text.
operation_set route_table(const std::string& cpp_text, const std::string& function);
/// nginx `location = X` and `location ^~ X` blocks of a config text -> the upstream they proxy_pass to
/// ("" when the block does not proxy). Keys are "=X" for exact and "^X" for prefix locations.
std::map<std::string, std::string> gateway_locations(const std::string& nginx_text);
/// The upstream nginx picks for `path` (exact match first, then the longest prefix); "" when none proxies.
std::string gateway_upstream(const std::map<std::string, std::string>& locations, const std::string& path);
/// Whole file under the repository root; throws std::runtime_error when unreadable.
std::string read_source(const std::string& relative_path);
/// The elements of `a` that are not in `b`, one per line (for failure messages).
std::string missing(const operation_set& a, const operation_set& b);

}  // namespace contracts
