// JSON documents handed between command-line steps through files.
#pragma once
#include <boost/json/value.hpp>
#include <string>

namespace common {

/// The parsed contents of `path`; throws config::config_error naming the path when unreadable or not JSON.
boost::json::value read_json_file(const std::string& path);
/// Writes `value` to `path` (created with mode 0600, replaced if present); throws config::config_error on failure.
void write_json_file(const std::string& path, const boost::json::value& value);

}  // namespace common
