// Access-token verification without secrets: EdDSA against the auth service's JWKS, with a verified-token cache,
// and the sessions the auth service has revoked.
#pragma once
#include "common/core/asio.hpp"
#include "council/access/revocation_list.hpp"
#include "common/crypto/jwt.hpp"
#include "common/crypto/verified_tokens.hpp"
#include <functional>
#include <optional>
#include <string>

namespace council::access {

/// Fetches the current JWKS; nullopt when it cannot be had right now.
using jwks_fetcher = std::function<common::awaitable<std::optional<common::jwt::key_set>>()>;

/// Outcome of checking one bearer token.
enum class token_status { valid, invalid, keys_unavailable, revocations_stale };

/// Result of verify(): the user when valid.
struct token_check {
  token_status status = token_status::invalid;
  std::string user_id;
};

/// Verifies tokens against a cached key set; refetches the JWKS on an unknown kid at most once per
/// `refetch_interval`. Use on one I/O thread only (each thread has its own verifier; `revocations` is shared).
class token_verifier {
public:
  /// With `revocations` (the process's list, outliving the verifier) tokens of revoked sessions are refused and
  /// nothing is accepted while the list is stale; without it only the token itself is checked.
  token_verifier(jwks_fetcher fetch, std::string issuer, std::string audience, std::size_t cache_size,
                 common::clock::duration refetch_interval = std::chrono::seconds(5),
                 const revocation_list* revocations = nullptr);
  /// Checks signature, alg, kid, iss, aud, exp and sub (served from the cache when already verified), then
  /// the session: invalid when `sid` was revoked, revocations_stale when the revocation list is not current.
  common::awaitable<token_check> verify(std::string token);
  /// Fetches the JWKS until it succeeds, waiting `retry_delay` (doubling up to 10 s) between attempts.
  common::awaitable<void> load_until_ready(common::clock::duration retry_delay);
  /// load_until_ready(), then refetches the JWKS every `every` so that a key published ahead of a signing-key
  /// rotation is known before the first token signed with it arrives (failures keep the cached keys).
  common::awaitable<void> keep_fresh(common::clock::duration retry_delay, common::clock::duration every);
  /// True without a revocation list, else whether it is current (the feed was read recently).
  bool revocations_current() const;
  /// True once a key set was loaded.
  bool ready() const { return loaded_; }
  /// Verified tokens currently cached.
  std::size_t cached() const { return cache_.size(); }
  /// True when the JWKS source (the auth service) answered within the last `refetch_interval`, else fetches it
  /// now (keeping the new key set); for the readiness probe.
  common::awaitable<bool> source_reachable();

private:
  common::awaitable<bool> refresh();
  token_check session_check(const common::jwt::claims& claims) const;
  common::awaitable<bool> fetch_now(common::clock::time_point now);

  jwks_fetcher fetch_;
  std::string issuer_;
  std::string audience_;
  common::jwt::verified_tokens cache_;
  common::clock::duration refetch_interval_;
  const revocation_list* revocations_;
  std::optional<common::clock::time_point> last_fetch_;
  std::optional<common::clock::time_point> last_success_;
  common::jwt::key_set keys_;
  bool loaded_ = false;
};

}  // namespace council::access
