// Decides whether a user's custom endpoint may be called: https and a public address (resolved now).
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/system/result.hpp>
#include <iosfwd>
#include <string>
#include <vector>

namespace common::http {

/// An endpoint that passed the checks: its base URL and the addresses that were checked.
struct vetted_target {
  std::string base_url;
  /// The addresses to connect to (client_request::connect_to), so that no second resolution can bring
  /// another address; empty when private addresses are allowed (the client then resolves as usual).
  std::vector<boost::asio::ip::address> addresses;
};

/// Writes the base URL and the addresses in brackets (test and log output).
std::ostream& operator<<(std::ostream& out, const vetted_target& target);

/// Either a vetted target or the sentence saying why the endpoint is refused.
using vetted_endpoint = boost::system::result<vetted_target, std::string>;

/// The endpoint's target when allowed, else a sentence for the user. With `allow_private`, internal
/// addresses pass (the local stack's fake); https is required either way. Otherwise every resolved address
/// must be public (UPSTREAM_ALLOW_PRIVATE in both services); resolution is bounded (common/http/resolver.hpp).
awaitable<vetted_endpoint> vet_endpoint(std::string url, bool allow_private);

}  // namespace common::http
