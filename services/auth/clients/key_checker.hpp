// Asks the provider whether an API key works: GET {endpoint}/key over one pooled HTTP client, 5 s deadline.
#pragma once
#include "auth/clients/key_check.hpp"
#include "common/core/config.hpp"
#include "common/http/client.hpp"
#include <optional>
#include <string>

namespace auth::clients {

/// One shared client (keep-alive pool per origin) for key checks.
class key_checker {
public:
  /// `upstream`: the default endpoint, extra CA file and whether custom endpoints may be internal addresses.
  key_checker(common::executor ex, common::config::upstream_settings upstream);
  /// Checks `api_key` at `custom_endpoint` (vetted like the council vets it: https, public addresses unless
  /// allowed; else endpoint_refused) or at the default endpoint. Never throws for the provider's failures:
  /// transport errors and the deadline are `unavailable` (only cancellation of the caller throws).
  common::awaitable<key_check> check(std::string api_key, std::optional<std::string> custom_endpoint);

  /// Deadline of one check.
  static constexpr common::clock::duration timeout = std::chrono::seconds(5);

private:
  common::config::upstream_settings upstream_;
  common::http::client http_;
};

}  // namespace auth::clients
