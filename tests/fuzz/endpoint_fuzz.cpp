// Fuzz target: a user's custom endpoint URL as the auth service validates it and the shared endpoint guard
// (libs/common, used by both services) vets it, the HTTP client's reading of the vetted URL, and trusted-proxy
// networks (common::ip_network).
// Input: the URL; when it has a line break, also `<network>\n<address>` for ip_network.
// Only hosts that glibc resolves without DNS (numeric forms, including 127.1, 0x7f.1, 017700000001) reach the
// guard's resolver, so no run depends on the network.
#include "auth/domain/validation.hpp"
#include "common/core/ip_network.hpp"
#include "common/http/endpoint_guard.hpp"
#include "common/http/endpoint_policy.hpp"
#include "http/client_url.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/system/system_error.hpp>
#include <netdb.h>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace ip = boost::asio::ip;

// An independent, deliberately simple list of addresses a custom endpoint must never reach.
bool obviously_internal(const ip::address& address) {
  ip::address a = address;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) a = ip::make_address_v4(ip::v4_mapped, a.to_v6());
  if (a.is_v4()) {
    const auto b = a.to_v4().to_bytes();
    return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
           (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xc0) == 64) || b[0] >= 224;
  }
  const auto v6 = a.to_v6();
  const auto b = v6.to_bytes();
  return v6.is_loopback() || v6.is_unspecified() || v6.is_multicast() || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
         (b[0] & 0xfe) == 0xfc;
}

// Every address glibc reads `host` as without asking DNS; empty when it is not numeric.
std::vector<ip::address> numeric_addresses(const std::string& host) {
  std::vector<ip::address> out;
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return out;
  for (addrinfo* p = found; p != nullptr; p = p->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    if (getnameinfo(p->ai_addr, p->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) != 0) continue;
    boost::system::error_code ec;
    auto address = ip::make_address(text, ec);
    if (!ec) out.push_back(address);
  }
  freeaddrinfo(found);
  return out;
}

void check_endpoint(std::string_view url) {
  (void)auth::domain::endpoint_problem(auth::domain::trim(url));
  const auto parsed = common::http::parse_endpoint(url);
  if (!parsed) return;
  (void)common::http::is_public_address(parsed->host);
  if (parsed->host.find('\0') != std::string::npos) return;
  const auto addresses = numeric_addresses(parsed->host);
  if (addresses.empty()) return;

  static boost::asio::io_context io;
  const auto vetted = test_support::run_sync(io, common::http::vet_endpoint(std::string(url), false));
  if (!vetted) return;
  for (const auto& address : addresses)
    if (obviously_internal(address)) __builtin_trap();  // the guard let an internal address through

  // The client connects to exactly the host and port that were vetted.
  common::http::client_url target;
  try {
    target = common::http::parse_client_url(vetted->base_url + "/chat/completions");
  } catch (const boost::system::system_error&) {
    __builtin_trap();  // vetted, yet unusable: every run would fail
  }
  if (!target.tls || target.host != parsed->host || std::to_string(target.port) != parsed->port.substr(parsed->port.find_first_not_of('0')))
    __builtin_trap();
}

void check_network(std::string_view network, std::string_view address) {
  const auto net = common::ip_network::parse(network);
  if (!net) return;
  (void)net->contains(address);
  const auto slash = network.find('/');
  if (slash == std::string_view::npos && !net->contains(network)) __builtin_trap();  // an address contains itself
  const std::vector<common::ip_network> list{*net};
  (void)common::in_any(list, address);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_endpoint(text);
  const auto newline = text.find('\n');
  if (newline != std::string_view::npos) check_network(text.substr(0, newline), text.substr(newline + 1));
  return 0;
}
