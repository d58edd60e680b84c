// The user's provider key, fetched per run from the auth service's internal API over mutual TLS.
#pragma once
#include "common/http/client.hpp"
#include "council/errors.hpp"
#include <optional>
#include <string>

namespace council::clients {

/// A released key; wiped from memory on destruction.
struct provider_key {
  std::string api_key;
  std::optional<std::string> endpoint;  // the user's custom base URL, if any
  provider_key() = default;
  provider_key(provider_key&& other) noexcept;
  provider_key& operator=(provider_key&& other) noexcept;
  provider_key(const provider_key&) = delete;
  provider_key& operator=(const provider_key&) = delete;
  ~provider_key();
};

/// mTLS settings of the internal client.
struct key_client_options {
  std::string base_url;   // AUTH_INTERNAL_URL
  std::string ca_file;    // INTERNAL_CA
  std::string cert_file;  // COUNCIL_CLIENT_CERT
  std::string key_file;   // COUNCIL_CLIENT_KEY
  std::chrono::milliseconds tls_reload_interval{5000};  // TLS_RELOAD_SECONDS
};

/// HTTP client settings of an mTLS client to the auth service keeping up to `max_idle` idle connections.
common::http::client_options mtls_client_options(const key_client_options& options, std::size_t max_idle);

/// One shared mTLS client (keep-alive) for GET /internal/v1/keys/openrouter.
class key_client {
public:
  key_client(common::executor ex, key_client_options options);
  /// Asks for the key of the token's user, sending `Authorization: Bearer <access_token>` and X-Run-Id.
  /// no_key (404), key_disabled (403 naming the key disabled), invalid_token (401: the user's token was refused),
  /// key_service_unavailable (transport or TLS failure, an unreadable answer, or a 403 for this service's
  /// certificate identity: a deployment error, logged).
  common::awaitable<outcome<provider_key>> fetch(std::string access_token, std::string run_id);

private:
  key_client_options options_;
  common::http::client http_;
};

}  // namespace council::clients
