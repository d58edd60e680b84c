// Absolute http(s) URL split into what the client needs: origin, host to connect to and verify, request target.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace common::http {

/// The parts of an absolute request URL the client uses.
struct client_url {
  bool tls = false;           // https
  std::string host;           // decoded host, IPv6 without brackets (connect, SNI, certificate check)
  std::uint16_t port = 0;     // explicit port or the scheme's default
  std::string host_header;    // Host header value: host as written, plus ":port" when given
  std::string target;         // path and query as written, "/" when the path is empty
  std::string origin;         // pool key "scheme://host:port"
};

/// Parses an absolute http:// or https:// URL; throws boost::system::system_error (invalid_argument) otherwise.
client_url parse_client_url(std::string_view url);

}  // namespace common::http
