// Logging of exceptions that escape a server coroutine (internal to common_http).
#pragma once
#include <boost/json/object.hpp>
#include <exception>
#include <string_view>

namespace common::http {

/// Logs `msg` at error level with `fields` plus "error": the message of `failure`.
void log_failure(std::string_view msg, std::exception_ptr failure, boost::json::object fields);

}  // namespace common::http
