// Which user-supplied upstream endpoints may be called: https only, never internal addresses (unless allowed).
#pragma once
#include <boost/system/result.hpp>
#include <string>
#include <string_view>

namespace common::http {

/// A custom endpoint split for checking.
struct endpoint {
  std::string base_url;  // without trailing slashes, e.g. https://example.com/api/v1
  std::string host;      // host name or IP literal (brackets removed)
  std::string port;      // explicit port or "443"
};

/// Parses `url`; the error is a sentence for the user when it is not an absolute https URL with a host,
/// or carries credentials, a query or a fragment.
boost::system::result<endpoint, std::string> parse_endpoint(std::string_view url);
/// True for a textual IPv4/IPv6 address.
bool is_ip_literal(std::string_view host);
/// True when `ip` is a public unicast address: false for loopback, private (RFC 1918, fc00::/7), link-local,
/// carrier-grade NAT, unspecified, multicast, broadcast, documentation and IPv4-mapped forms of these.
bool is_public_address(std::string_view ip);

}  // namespace common::http
