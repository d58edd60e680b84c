// Fetches the auth service's public signing keys (JWKS).
#pragma once
#include "common/crypto/jwt.hpp"
#include "common/http/client.hpp"
#include <optional>
#include <string>

namespace council::clients {

/// GET AUTH_JWKS_URL and parse it.
class jwks_client {
public:
  /// `ca_file` is used when the URL is https (empty: system CAs).
  jwks_client(common::executor ex, std::string url, std::string ca_file);
  /// The key set, or nullopt (logged) when the document cannot be fetched or parsed.
  common::awaitable<std::optional<common::jwt::key_set>> fetch();

private:
  std::string url_;
  common::http::client http_;
};

}  // namespace council::clients
