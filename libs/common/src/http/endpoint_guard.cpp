// Resolves a custom endpoint's host and applies endpoint_policy to every address.
#include "common/http/endpoint_guard.hpp"
#include "common/http/endpoint_policy.hpp"
#include "common/http/resolver.hpp"
#include <ostream>

namespace common::http {
namespace {

vetted_endpoint accept(std::string base_url, std::vector<boost::asio::ip::address> addresses) {
  return vetted_endpoint(boost::system::in_place_value, vetted_target{std::move(base_url), std::move(addresses)});
}
vetted_endpoint refuse(std::string reason) { return vetted_endpoint(boost::system::in_place_error, std::move(reason)); }

}  // namespace

std::ostream& operator<<(std::ostream& out, const vetted_target& target) {
  out << target.base_url << " [";
  for (std::size_t i = 0; i < target.addresses.size(); ++i) out << (i ? " " : "") << target.addresses[i].to_string();
  return out << "]";
}

awaitable<vetted_endpoint> vet_endpoint(std::string url, bool allow_private) {
  auto parsed = parse_endpoint(url);
  if (!parsed) co_return refuse(parsed.error());
  if (allow_private) co_return accept(parsed->base_url, {});
  const std::string refused = "endpoint: " + parsed->host + " is a private, loopback or link-local address";
  resolved_addresses resolved = co_await resolve_host(parsed->host);
  if (!resolved || resolved->empty()) co_return refuse("endpoint: " + parsed->host + " cannot be resolved");
  for (const auto& address : *resolved)
    if (!is_public_address(address.to_string())) co_return refuse(refused);
  co_return accept(parsed->base_url, std::move(*resolved));
}

}  // namespace common::http
