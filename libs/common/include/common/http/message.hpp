// Transport-neutral HTTP request and response values seen by handlers (no Beast types).
#pragma once
#include "common/core/asio.hpp"
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace common::http {

class event_stream;

/// Header list; names are stored lowercase.
using header_list = std::vector<std::pair<std::string, std::string>>;

/// One parsed request, as a handler sees it.
struct request {
  std::string method;           // upper case, e.g. "GET"
  std::string target;           // raw request target
  std::string path;             // target without the query string
  std::string query;            // raw query string without '?'
  header_list headers;          // lowercase names
  std::string body;
  std::string peer_ip;          // TCP peer address
  std::string client_identity;  // URI SAN of a verified client certificate, else empty
  std::string request_id;       // X-Request-Id given (if sane) or generated
  std::map<std::string, std::string, std::less<>> params;  // path parameters of the matched route
  std::string route;            // matched route pattern, e.g. "/api/conversations/{id}"

  /// First header named `name` (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
  /// Percent-decoded value of query parameter `name`, if present.
  std::optional<std::string> query_param(std::string_view name) const;
  /// Path parameter `name` (empty when absent).
  std::string_view param(std::string_view name) const;
};

/// Produces server-sent events after the response head was sent.
using stream_producer = std::function<awaitable<void>(event_stream&)>;

/// A response: a complete body, or a stream when `stream` is set.
struct response {
  int status = 200;
  header_list headers;
  std::string body;
  stream_producer stream;

  /// Adds or replaces a header.
  response& set_header(std::string name, std::string value);
};

/// 200-style JSON response with content-type application/json.
response json(int status, const boost::json::value& body);
/// `{"detail": detail}` with the given status.
response error(int status, std::string_view detail);
/// The standard reason phrase of `status`, e.g. "Not Found".
std::string_view reason(int status);

}  // namespace common::http
