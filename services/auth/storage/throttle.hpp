// SQL of the throttling counters (auth.login_failures, auth.registration_attempts), shared by replicas.
#pragma once
#include "common/pg/pool.hpp"
#include "auth/settings.hpp"
#include <optional>
#include <string>

namespace auth::storage {

/// Seconds until a login for `account` from `ip` is allowed again; nullopt when not throttled.
common::awaitable<std::optional<long long>> login_retry_after(common::pg::pool& db, std::string account,
                                                              std::string ip, throttle_settings limits);
/// Records one failed login (`account` is the hashed canonical email).
common::awaitable<void> record_login_failure(common::pg::pool& db, std::string account, std::string ip);
/// Forgets the failures of `account` (after a successful login).
common::awaitable<void> clear_login_failures(common::pg::pool& db, std::string account);
/// Seconds until `ip` may register again; nullopt when below `max_per_hour`.
common::awaitable<std::optional<long long>> registration_retry_after(common::pg::pool& db, std::string ip,
                                                                     int max_per_hour);
/// Records one registration attempt from `ip`.
common::awaitable<void> record_registration(common::pg::pool& db, std::string ip);
/// Deletes counters older than every window, and sessions expired more than a day ago.
common::awaitable<void> prune_counters(common::pg::pool& db, int login_window_seconds);

}  // namespace auth::storage
