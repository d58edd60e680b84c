// Structured logging: one JSON object per line on stderr. Never pass secrets.
#pragma once
#include <boost/json/object.hpp>
#include <string_view>

namespace common::log {

enum class level { debug, info, warn, error };

/// Level named by the environment variable `name` (debug|info|warn|error, default info);
/// throws common::config::config_error naming the variable when it is anything else.
level level_from_env(const char* name = "LOG_LEVEL");
/// Sets the service name written in every line and the minimum level.
void init(std::string_view service, level min_level = level::info);
/// Writes {"ts","level","service","msg",...fields} as one line.
void write(level lvl, std::string_view msg, boost::json::object fields = {});
inline void info(std::string_view msg, boost::json::object fields = {}) { write(level::info, msg, std::move(fields)); }
inline void warn(std::string_view msg, boost::json::object fields = {}) { write(level::warn, msg, std::move(fields)); }
inline void error(std::string_view msg, boost::json::object fields = {}) { write(level::error, msg, std::move(fields)); }

}  // namespace common::log
