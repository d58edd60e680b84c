// Resolves a custom endpoint's host and applies endpoint_policy to every address.
#include "common/http/endpoint_guard.hpp"
#include "common/http/endpoint_policy.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/system_error.hpp>
#include <optional>

namespace common::http {
namespace {

vetted_endpoint accept(std::string base_url) { return vetted_endpoint(boost::system::in_place_value, std::move(base_url)); }
vetted_endpoint refuse(std::string reason) { return vetted_endpoint(boost::system::in_place_error, std::move(reason)); }

}  // namespace

awaitable<vetted_endpoint> vet_endpoint(std::string url, bool allow_private) {
  auto parsed = parse_endpoint(url);
  if (!parsed) co_return refuse(parsed.error());
  const std::string refused = "endpoint: " + parsed->host + " is a private, loopback or link-local address";
  if (allow_private) co_return accept(parsed->base_url);
  if (is_ip_literal(parsed->host)) {
    if (!is_public_address(parsed->host)) co_return refuse(refused);
    co_return accept(parsed->base_url);
  }
  boost::asio::ip::tcp::resolver resolver(co_await boost::asio::this_coro::executor);
  std::optional<boost::asio::ip::tcp::resolver::results_type> resolved;
  try {
    auto answer = co_await resolver.async_resolve(parsed->host, parsed->port, use_awaitable);
    resolved = std::move(answer);
  } catch (const boost::system::system_error&) {
  }
  if (!resolved) co_return refuse("endpoint: " + parsed->host + " cannot be resolved");
  const auto& results = *resolved;
  for (const auto& entry : results)
    if (!is_public_address(entry.endpoint().address().to_string())) co_return refuse(refused);
  if (results.empty()) co_return refuse("endpoint: " + parsed->host + " cannot be resolved");
  co_return accept(parsed->base_url);
}

}  // namespace common::http
