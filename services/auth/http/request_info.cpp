// Request reading helpers: trusted-proxy address resolution, user agent, run id.
#include "auth/http/request_info.hpp"
#include "common/core/utf8.hpp"
#include <boost/asio/ip/address.hpp>
#include <algorithm>

namespace auth::http {
namespace {

constexpr std::size_t max_user_agent = 512;
constexpr std::size_t max_device_token = 128;

/// Canonical text of an IP address (IPv4-mapped IPv6 as IPv4); nullopt when not an address.
std::optional<std::string> canonical_ip(std::string_view text) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (addr.is_v6() && addr.to_v6().is_v4_mapped())
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, addr.to_v6()).to_string();
  return addr.to_string();
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

/// The value of cookie `name` in the Cookie header, if present and at most max_device_token characters.
std::string cookie_value(const common::http::request& req, std::string_view name) {
  auto header = req.header("cookie");
  if (!header) return {};
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto semicolon = rest.find(';');
    std::string pair = trimmed(rest.substr(0, semicolon));
    auto eq = pair.find('=');
    if (eq != std::string::npos && std::string_view(pair).substr(0, eq) == name) {
      std::string value = pair.substr(eq + 1);
      return value.size() <= max_device_token ? value : std::string();
    }
    if (semicolon == std::string_view::npos) break;
    rest.remove_prefix(semicolon + 1);
  }
  return {};
}

}  // namespace

domain::client_info client_of(const common::http::request& req, const std::vector<common::ip_network>& trusted_proxies) {
  domain::client_info info;
  std::string ip = canonical_ip(req.peer_ip).value_or(req.peer_ip);
  bool from_proxy = common::in_any(trusted_proxies, ip);
  auto forwarded = req.header("x-forwarded-for");
  if (forwarded && from_proxy) {
    std::vector<std::string> hops;
    std::string_view rest = *forwarded;
    while (true) {
      auto comma = rest.find(',');
      auto hop = canonical_ip(trimmed(rest.substr(0, comma)));
      if (hop) hops.push_back(*hop);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
      ip = *it;
      if (!common::in_any(trusted_proxies, *it)) break;
    }
  }
  auto proto = req.header("x-forwarded-proto");
  info.https = from_proxy && proto && trimmed(*proto) == "https";
  info.ip = ip;
  if (auto ua = req.header("user-agent")) info.user_agent = common::utf8::sanitized(*ua, max_user_agent);
  info.device_token = cookie_value(req, device_cookie_name);
  return info;
}

std::string run_id_of(const common::http::request& req) {
  auto header = req.header("x-run-id");
  if (!header || header->empty() || header->size() > 100) return {};
  bool sane = std::all_of(header->begin(), header->end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
  });
  return sane ? std::string(*header) : std::string();
}

}  // namespace auth::http
