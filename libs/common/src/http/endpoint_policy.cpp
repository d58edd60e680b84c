// Custom endpoint parsing and address classification (the resolver is endpoint_guard.cpp).
#include "common/http/endpoint_policy.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>

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
  endpoint e;
  e.host = u.host_type() == boost::urls::host_type::ipv6 ? std::string(u.encoded_host_address()) : std::string(u.host());
  if (e.host.size() > 2 && e.host.front() == '[') e.host = e.host.substr(1, e.host.size() - 2);
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
