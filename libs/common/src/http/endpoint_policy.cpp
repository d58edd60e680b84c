// Custom endpoint parsing and address classification (the resolver is endpoint_guard.cpp).
#include "common/http/endpoint_policy.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>

namespace common::http {
namespace ip = boost::asio::ip;

namespace {

bool v4_public(const ip::address_v4& a) {
  auto b = a.to_bytes();
  auto in = [&](unsigned first, unsigned second_lo, unsigned second_hi) {
    return b[0] == first && b[1] >= second_lo && b[1] <= second_hi;
  };
  if (b[0] == 0 || b[0] == 10 || b[0] == 127) return false;   // this network, private, loopback
  if (in(100, 64, 127)) return false;                          // carrier-grade NAT
  if (in(169, 254, 254)) return false;                         // link-local
  if (in(172, 16, 31)) return false;                           // private
  if (in(192, 168, 168)) return false;                         // private
  if (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) return false;  // IETF, TEST-NET-1
  if (in(198, 18, 19)) return false;                           // benchmarking
  if (b[0] == 198 && b[1] == 51 && b[2] == 100) return false;  // TEST-NET-2
  if (b[0] == 203 && b[1] == 0 && b[2] == 113) return false;   // TEST-NET-3
  if (b[0] >= 224) return false;                               // multicast, reserved, broadcast
  return true;
}

bool v6_public(const ip::address_v6& a) {
  if (a.is_v4_mapped()) return v4_public(ip::make_address_v4(ip::v4_mapped, a));
  auto b = a.to_bytes();
  if (a.is_unspecified() || a.is_loopback() || a.is_multicast() || a.is_link_local() || a.is_site_local()) return false;
  if ((b[0] & 0xfe) == 0xfc) return false;                     // unique local fc00::/7
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // documentation
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return false;  // NAT64 (may reach v4 private)
  bool all_zero_prefix = true;
  for (int i = 0; i < 12; ++i) all_zero_prefix = all_zero_prefix && b[i] == 0;
  if (all_zero_prefix) return false;                           // IPv4-compatible (deprecated)
  return true;
}

// 1..65535 in decimal digits (Boost.URL's port_number() wraps some larger values instead of refusing them).
bool valid_port(std::string_view digits) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return !digits.empty() && ec == std::errc() && end == digits.data() + digits.size() && value >= 1 && value <= 65535;
}

// True when the host's last label (after one trailing dot) is a number, decimal or 0x-hex, as in 127.1, 0177.0.0.1
// or 2130706433: URL parsers read such a host as IPv4 and resolvers disagree on how (octal or decimal), so only
// the canonical dotted-decimal form is accepted.
bool ends_in_number(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const auto dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  auto all = [](std::string_view s, auto pred) {
    for (char c : s)
      if (!pred(static_cast<unsigned char>(c))) return false;
    return true;
  };
  if (all(last, [](unsigned char c) { return c >= '0' && c <= '9'; })) return true;
  return last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
         all(last.substr(2), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

}  // namespace

boost::system::result<endpoint, std::string> parse_endpoint(std::string_view url) {
  using out = boost::system::result<endpoint, std::string>;
  auto refuse = [](std::string reason) { return out(boost::system::in_place_error, std::move(reason)); };
  const std::string bad = "endpoint: must be an absolute https URL";
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return refuse(bad);
  auto u = *parsed;
  if (u.scheme() != "https") return refuse("endpoint: must use https");
  if (!u.has_authority() || u.encoded_host().empty()) return refuse(bad);
  if (u.has_userinfo()) return refuse("endpoint: must not contain credentials");
  if (u.has_query() || u.has_fragment()) return refuse("endpoint: must not contain a query or fragment");
  if (u.has_port() && !valid_port(u.port())) return refuse("endpoint: the port must be a number from 1 to 65535");
  endpoint e;
  e.host = u.host_address();  // decoded, without an IP literal's brackets: the host the HTTP client will connect to
  if (ends_in_number(e.host) && !is_ip_literal(e.host))
    return refuse("endpoint: a numeric host must be written as a dotted-decimal IPv4 address");
  e.port = u.has_port() ? std::string(u.port()) : "443";
  e.base_url = std::string(url);
  while (!e.base_url.empty() && e.base_url.back() == '/') e.base_url.pop_back();
  return e;
}

bool is_ip_literal(std::string_view host) {
  boost::system::error_code ec;
  ip::make_address(host, ec);
  return !ec;
}

bool is_public_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(text, ec);
  if (ec) return false;
  return a.is_v4() ? v4_public(a.to_v4()) : v6_public(a.to_v6());
}

}  // namespace common::http
