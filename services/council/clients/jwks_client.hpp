// Fetches the auth service's public signing keys (JWKS).
#pragma once
#include "common/crypto/jwt.hpp"
#include "common/http/client.hpp"
#include "council/clients/key_client.hpp"
#include <optional>
#include <string>

namespace council::clients {

/// GET AUTH_JWKS_URL and parse it.
class jwks_client {
public:
  /// `tls.ca_file` is used when the URL is https (empty: system CAs); `tls.cert_file` and `tls.key_file` (optional)
  /// are presented as the client certificate, as the auth service's internal listener asks for one, and reloaded
  /// when they change; `tls.base_url` is not used.
  jwks_client(common::executor ex, std::string url, const key_client_options& tls);
  /// The key set, or nullopt (logged) when the document cannot be fetched or parsed.
  common::awaitable<std::optional<common::jwt::key_set>> fetch();

private:
  std::string url_;
  common::http::client http_;
};

}  // namespace council::clients
