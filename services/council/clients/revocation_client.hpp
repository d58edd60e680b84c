// Reads the auth service's revocation feed (GET /internal/v1/revocations) over mutual TLS.
#pragma once
#include "common/http/client.hpp"
#include "council/access/revocation_follower.hpp"
#include "council/clients/key_client.hpp"
#include <optional>
#include <string>

namespace council::clients {

/// One keep-alive mTLS client for the feed (proto/internal.openapi.yaml, revocationFeed).
class revocation_client {
public:
  /// `timeout` bounds each read (the follower's staleness limit should allow a couple of them).
  revocation_client(common::executor ex, key_client_options options, common::clock::duration timeout);
  /// The entries after `cursor` ("" for all still relevant); nullopt (logged) on a transport failure, a status
  /// other than 200 or an unreadable answer.
  common::awaitable<std::optional<access::revocation_batch>> fetch(std::string cursor);

private:
  key_client_options options_;
  common::clock::duration timeout_;
  common::http::client http_;
};

}  // namespace council::clients
