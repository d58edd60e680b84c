// Request reading helpers: trusted-proxy address resolution, user agent, run id.
#include "auth/http/request_info.hpp"
#include <boost/asio/ip/address.hpp>
#include <algorithm>

namespace auth::http {
namespace {

constexpr std::size_t max_user_agent = 512;

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

}  // namespace

domain::client_info client_of(const common::http::request& req, const std::vector<common::ip_network>& trusted_proxies) {
  domain::client_info info;
  std::string ip = canonical_ip(req.peer_ip).value_or(req.peer_ip);
  auto forwarded = req.header("x-forwarded-for");
  if (forwarded && common::in_any(trusted_proxies, ip)) {
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
  info.ip = ip;
  if (auto ua = req.header("user-agent")) info.user_agent = std::string(ua->substr(0, max_user_agent));
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
