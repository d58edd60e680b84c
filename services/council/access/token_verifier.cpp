// JWKS-backed token verification: cached results, rate-limited refetch on an unknown kid, revoked sessions.
#include "council/access/token_verifier.hpp"
#include "common/core/log.hpp"
#include "common/core/time.hpp"
#include "common/core/uuid.hpp"
#include <algorithm>

namespace council::access {

token_verifier::token_verifier(jwks_fetcher fetch, std::string issuer, std::string audience, std::size_t cache_size,
                               common::clock::duration refetch_interval, const revocation_list* revocations)
    : fetch_(std::move(fetch)),
      issuer_(std::move(issuer)),
      audience_(std::move(audience)),
      cache_(cache_size),
      refetch_interval_(refetch_interval),
      revocations_(revocations) {}

token_check token_verifier::session_check(const common::jwt::claims& claims) const {
  if (revocations_ && revocations_->revoked(claims.sid)) return token_check{token_status::invalid, {}};
  if (!revocations_current()) return token_check{token_status::revocations_stale, {}};
  return token_check{token_status::valid, claims.sub};
}

bool token_verifier::revocations_current() const {
  return !revocations_ || revocations_->current(common::clock::now());
}

common::awaitable<bool> token_verifier::refresh() {
  auto now = common::clock::now();
  if (last_fetch_ && now - *last_fetch_ < refetch_interval_) co_return false;
  bool fetched = co_await fetch_now(now);
  co_return fetched;
}

common::awaitable<bool> token_verifier::fetch_now(common::clock::time_point now) {
  last_fetch_ = now;
  auto keys = co_await fetch_();
  if (!keys) co_return false;
  keys_ = std::move(*keys);
  if (!loaded_) common::log::info("jwks loaded", {{"keys", keys_.size()}});
  loaded_ = true;
  last_success_ = now;
  co_return true;
}

common::awaitable<bool> token_verifier::source_reachable() {
  auto now = common::clock::now();
  if (last_success_ && now - *last_success_ < refetch_interval_) co_return true;
  bool fetched = co_await fetch_now(now);
  co_return fetched;
}

common::awaitable<void> token_verifier::load_until_ready(common::clock::duration retry_delay) {
  while (!loaded_) {
    last_fetch_.reset();
    bool loaded = co_await refresh();
    if (loaded) co_return;
    common::log::warn("jwks not available yet, retrying");
    co_await common::sleep_for(retry_delay);
    retry_delay = std::min<common::clock::duration>(retry_delay * 2, std::chrono::seconds(10));
  }
}

common::awaitable<void> token_verifier::keep_fresh(common::clock::duration retry_delay, common::clock::duration every) {
  co_await load_until_ready(retry_delay);
  for (;;) {
    co_await common::sleep_for(every);
    bool fetched = co_await fetch_now(common::clock::now());
    if (!fetched) common::log::warn("jwks refresh failed; keeping the cached keys");
  }
}

common::awaitable<token_check> token_verifier::verify(std::string token) {
  long long now = common::unix_seconds();
  if (auto hit = cache_.find(token, now)) co_return session_check(*hit);
  if (!loaded_) {
    co_await refresh();
  }
  if (!loaded_) co_return token_check{token_status::keys_unavailable, {}};
  common::jwt::expectations want{issuer_, audience_, now, 30};
  std::string unknown_kid;
  auto verified = common::jwt::verify(token, keys_, want, &unknown_kid);
  if (!verified && verified.error() == common::jwt::error::unknown_kid) {
    bool refreshed = co_await refresh();
    if (refreshed) verified = common::jwt::verify(token, keys_, want, &unknown_kid);
  }
  if (!verified || !common::is_uuid(verified->sub)) co_return token_check{token_status::invalid, {}};
  cache_.insert(token, *verified);
  co_return session_check(*verified);
}

}  // namespace council::access
