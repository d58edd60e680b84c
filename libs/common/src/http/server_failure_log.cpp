// log_failure: the rethrown exception's message added to the log line.
#include "server_failure_log.hpp"
#include "common/core/log.hpp"

namespace common::http {

void log_failure(std::string_view msg, std::exception_ptr failure, boost::json::object fields) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    fields["error"] = e.what();
  } catch (...) {
    fields["error"] = "unknown exception";
  }
  log::error(msg, std::move(fields));
}

}  // namespace common::http
