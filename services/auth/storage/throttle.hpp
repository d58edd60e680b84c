// SQL of the throttling counters (auth.login_failures, auth.password_recheck_failures, auth.registration_attempts)
// and of the clients an account signed in from (auth.known_addresses, auth.known_devices), shared by replicas.
#pragma once
#include "common/pg/pool.hpp"
#include "auth/settings.hpp"
#include <optional>
#include <string>

namespace auth::storage {

/// What a login's counters are keyed by.
struct login_client {
  std::string account;                // SHA-256 of the canonical email
  std::string address;                // the client's address group (common::address_group)
  std::optional<std::string> device;  // SHA-256 of a device cookie valid for this account
  bool known = false;                 // the address or device signed in to this account before
};

/// Seconds until a login by `client` is allowed again; nullopt when not throttled. Counted: failures of the
/// account from the device (with one) or else from the address (max_failures); from the address across accounts
/// (max_failures_per_ip; not for a device); of the account from anywhere (account_ceiling(); only when not known).
common::awaitable<std::optional<long long>> login_retry_after(common::pg::queryable& db, login_client client,
                                                              throttle_settings limits);
/// Records one failed login of `client`.
common::awaitable<void> record_login_failure(common::pg::queryable& db, login_client client);
/// Forgets the failures counted against `client`'s own counter (the device's, or else the address's), after a
/// successful login; failures of the account from other clients stay.
common::awaitable<void> clear_login_failures(common::pg::queryable& db, login_client client);
/// True when `address` (an address group) signed in to `user_id` before.
common::awaitable<bool> address_known(common::pg::queryable& db, std::string user_id, std::string address);
/// True when the device cookie hashing to `token_hash` was set at a sign-in of `user_id` within `max_age_days`.
common::awaitable<bool> device_known(common::pg::queryable& db, std::string user_id, std::string token_hash,
                                     int max_age_days);
/// Remembers a successful sign-in of `user_id` from `address` and (when given) the device `token_hash`.
common::awaitable<void> remember_client(common::pg::queryable& db, std::string user_id, std::string address,
                                        std::optional<std::string> token_hash);
/// Seconds until session `session_id` may re-check the password again (at most `limit` wrong ones per
/// `window_seconds`); nullopt when allowed.
common::awaitable<std::optional<long long>> recheck_retry_after(common::pg::queryable& db, std::string session_id,
                                                                int limit, int window_seconds);
/// Records one wrong password given to a re-check in `session_id`.
common::awaitable<void> record_recheck_failure(common::pg::queryable& db, std::string session_id);
/// Forgets the session's re-check failures (after a correct password).
common::awaitable<void> clear_recheck_failures(common::pg::queryable& db, std::string session_id);
/// Seconds until `ip` may register again; nullopt when below `max_per_hour`.
common::awaitable<std::optional<long long>> registration_retry_after(common::pg::queryable& db, std::string ip,
                                                                     int max_per_hour);
/// Records one registration attempt from `ip`.
common::awaitable<void> record_registration(common::pg::queryable& db, std::string ip);
/// Deletes counters older than every window, devices unused for `device_days`, and sessions expired more than a
/// day ago.
common::awaitable<void> prune_counters(common::pg::queryable& db, int login_window_seconds, int device_days);

}  // namespace auth::storage
