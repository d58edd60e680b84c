// Checks what a service answered against the operation its OpenAPI document (proto/) describes for the request.
#pragma once
#include "support/openapi_document.hpp"
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace openapi {

/// One request as sent and the head and body of its answer.
struct exchange {
  std::string_view method;        // "GET", "POST", ...
  std::string_view path;          // the concrete path, e.g. "/api/conversations/6f0c...", a query string allowed
  int status = 0;
  std::string_view content_type;  // the answer's Content-Type ("" when it had none)
  std::string_view body;
};

/// Every way `answer` departs from `doc`, one line each; empty when it conforms. The operation is found by
/// matching the path against the document's path templates (`{name}` matches one segment, literals win); its
/// response for the status (through `$ref`s) must exist and the body must match the documented media type and
/// schema. A path and method the document does not list must be an error answer shaped `{"detail": <string>}`.
std::string response_problems(const boost::json::value& doc, const exchange& answer);
/// response_problems() against the document `which` (loaded once per process).
std::string response_problems(api which, const exchange& answer);
/// Every way one server-sent event of the 200 `text/event-stream` answer to `method path` departs from the
/// `itemSchema` (3.2) or `x-itemSchema` (its 3.1 extension form) documented for that stream, one line each;
/// empty when it conforms.
std::string event_problems(const boost::json::value& doc, std::string_view method, std::string_view path,
                           const boost::json::value& event);
/// event_problems() against the document `which` (loaded once per process).
std::string event_problems(api which, std::string_view method, std::string_view path, const boost::json::value& event);

}  // namespace openapi
