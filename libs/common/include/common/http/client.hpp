// HTTP/1.1 client: HTTPS with verification, optional client certificate, keep-alive pool per host, deadlines.
#pragma once
#include "common/core/asio.hpp"
#include "common/http/message.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/assert/source_location.hpp>
#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace common::http {

/// Client settings shared by every request of one client.
struct client_options {
  std::string ca_file;                 // empty: system CAs
  std::string cert_file;               // client certificate for mTLS (optional)
  std::string key_file;
  std::size_t max_idle_per_host = 16;  // idle keep-alive connections kept per scheme+host+port
  clock::duration connect_timeout = std::chrono::seconds(10);
  clock::duration idle_timeout = std::chrono::seconds(50);  // drop pooled connections idle longer
  clock::duration tls_reload_interval = std::chrono::seconds(5);  // how often new connections look for changed CA/cert/key files
};

/// Read-only body pieces shared between requests (sent as they are, never copied).
using shared_body = std::vector<std::shared_ptr<const std::string>>;
/// Takes response body bytes as they arrive; returns false to stop reading (the connection is then closed).
using body_sink = std::function<bool(std::string_view bytes)>;

/// An outgoing request. `url` is absolute: http://host:port/path or https://...
struct client_request {
  std::string method = "GET";
  std::string url;
  header_list headers;
  std::string body;
  shared_body body_tail;  // sent after `body`
  clock::duration timeout = std::chrono::seconds(30);  // whole exchange deadline
  /// When not empty, the only addresses the connection may go to (the ones an endpoint check vetted): the
  /// URL's host is then not resolved again, but still names the TLS peer and the Host header.
  std::vector<boost::asio::ip::address> connect_to;
  std::uint64_t body_limit = 16 * 1024 * 1024;        // longest response body kept; longer fails (http::error::body_limit)
  body_sink on_body;  // when set, the body of a 2xx response goes here (unlimited) instead of client_response::body
};

/// A complete response.
struct client_response {
  int status = 0;
  header_list headers;
  std::string body;
  /// First header named `name` (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
};

/// Why a request got no response: the transport error (asio::error::timed_out on the deadline or the connect
/// timeout, operation_aborted when the caller is cancelled, a TLS or socket error otherwise) and what failed,
/// e.g. "connect to https://auth:8443".
struct client_failure {
  boost::system::error_code code;
  std::string what;
};
/// Throws boost::system::system_error(f.code, f.what) (what client_result::value() does on a failure).
[[noreturn]] void throw_exception_from_error(const client_failure& f, const boost::source_location& loc);

/// A response, or why there was none.
using client_result = boost::system::result<client_response, client_failure>;

/// Adds `Authorization: Bearer <token>` built in place, so no unwiped temporary copy of the secret is left
/// behind (client::send wipes the request's header values once it has its own copy).
void add_bearer(client_request& req, std::string_view token);

/// Pooled HTTP client. try_send reports transport failures as a client_failure (no exception is thrown on
/// them); send throws them as boost::system::system_error. Both throw system_error (invalid_argument) for a
/// request that cannot be sent at all (a URL that is not absolute http(s), a header with a line break), and pass
/// on what the request's body sink throws.
class client {
public:
  client(executor ex, client_options options);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  /// Sends the request, reusing an idle connection to the same origin when one is available; a timeout, a
  /// refused connection, a failed TLS handshake or a broken exchange comes back as the failure.
  awaitable<client_result> try_send(client_request req);
  /// try_send, throwing the failure as boost::system::system_error.
  awaitable<client_response> send(client_request req);
  /// Connections opened so far (for tests and metrics).
  std::size_t connections_opened() const;

private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

}  // namespace common::http
