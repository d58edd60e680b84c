// Throttling statements (typed parameters): the N-th most recent event in the window decides when the limit lifts.
#include "auth/storage/throttle.hpp"
#include <algorithm>

namespace auth::storage {
namespace {
namespace pg = common::pg;

// $1 account, $2 address, $3 device (NULL: none), $4 per client, $5 per address, $6 window, $7 known, $8 ceiling.
constexpr std::string_view select_login_retry_after =
    "WITH w AS (SELECT make_interval(secs => $6) AS len, clock_timestamp() AS now) "
    "SELECT ceil(extract(epoch FROM max(lifts_at) - max(now)))::bigint FROM ("
    " (SELECT f.at + w.len AS lifts_at, w.now FROM auth.login_failures f, w"
    "  WHERE f.account = $1 AND (f.device = $3 OR ($3 IS NULL AND f.ip = $2)) AND f.at > w.now - w.len"
    "  ORDER BY f.at DESC OFFSET $4 - 1 LIMIT 1)"
    " UNION ALL"
    " (SELECT f.at + w.len, w.now FROM auth.login_failures f, w"
    "  WHERE $3 IS NULL AND f.ip = $2 AND f.at > w.now - w.len ORDER BY f.at DESC OFFSET $5 - 1 LIMIT 1)"
    " UNION ALL"
    " (SELECT f.at + w.len, w.now FROM auth.login_failures f, w"
    "  WHERE NOT $7 AND f.account = $1 AND f.at > w.now - w.len ORDER BY f.at DESC OFFSET $8 - 1 LIMIT 1)"
    ") t";
constexpr std::string_view insert_login_failure =
    "INSERT INTO auth.login_failures (account, ip, device) VALUES ($1, $2, $3)";
constexpr std::string_view delete_login_failures =
    "DELETE FROM auth.login_failures WHERE account = $1 AND (device = $3 OR ($3 IS NULL AND ip = $2))";
constexpr std::string_view select_address_known =
    "SELECT 1 FROM auth.known_addresses WHERE user_id = $1 AND ip = $2";
constexpr std::string_view select_device_known =
    "SELECT 1 FROM auth.known_devices WHERE token_hash = $2 AND user_id = $1 "
    "AND last_login_at > now() - make_interval(days => $3)";
constexpr std::string_view upsert_address =
    "INSERT INTO auth.known_addresses (user_id, ip) VALUES ($1, $2) "
    "ON CONFLICT (user_id, ip) DO UPDATE SET last_login_at = now()";
constexpr std::string_view upsert_device =
    "INSERT INTO auth.known_devices (token_hash, user_id) VALUES ($2, $1) "
    "ON CONFLICT (token_hash) DO UPDATE SET last_login_at = now() WHERE auth.known_devices.user_id = $1";
constexpr std::string_view select_recheck_retry_after =
    "SELECT ceil(extract(epoch FROM at + make_interval(secs => $3) - clock_timestamp()))::bigint "
    "FROM auth.password_recheck_failures WHERE session_id = $1 AND at > clock_timestamp() - make_interval(secs => $3) "
    "ORDER BY at DESC OFFSET $2 - 1 LIMIT 1";
constexpr std::string_view insert_recheck_failure =
    "INSERT INTO auth.password_recheck_failures (session_id) VALUES ($1)";
constexpr std::string_view delete_recheck_failures =
    "DELETE FROM auth.password_recheck_failures WHERE session_id = $1";
constexpr std::string_view select_registration_retry_after =
    "SELECT ceil(extract(epoch FROM at + interval '1 hour' - clock_timestamp()))::bigint "
    "FROM auth.registration_attempts WHERE ip = $1 AND at > clock_timestamp() - interval '1 hour' "
    "ORDER BY at DESC OFFSET $2 - 1 LIMIT 1";
constexpr std::string_view insert_registration = "INSERT INTO auth.registration_attempts (ip) VALUES ($1)";
constexpr std::string_view prune_login_failures =
    "DELETE FROM auth.login_failures WHERE at < clock_timestamp() - make_interval(secs => $1)";
constexpr std::string_view prune_recheck_failures =
    "DELETE FROM auth.password_recheck_failures WHERE at < clock_timestamp() - make_interval(secs => $1)";
constexpr std::string_view prune_devices =
    "DELETE FROM auth.known_devices WHERE last_login_at < now() - make_interval(days => $1)";
constexpr std::string_view prune_registrations =
    "DELETE FROM auth.registration_attempts WHERE at < clock_timestamp() - interval '1 hour'";
constexpr std::string_view prune_sessions = "DELETE FROM auth.sessions WHERE expires_at < now() - interval '1 day'";

std::optional<long long> seconds_or_null(const pg::result& r) {
  if (r.empty() || r.is_null(0, 0)) return std::nullopt;
  return std::max(1LL, r.integer(0, 0));
}

/// $1 account, $2 address, $3 device of `client`.
pg::params client_params(const login_client& client) {
  return pg::params{pg::bytea(client.account), pg::text(client.address), pg::bytea(client.device)};
}

}  // namespace

common::awaitable<std::optional<long long>> login_retry_after(pg::queryable& db, login_client client,
                                                              throttle_settings limits) {
  pg::params p = client_params(client);
  p.push_back(pg::int8(limits.max_failures));
  p.push_back(pg::int8(limits.max_failures_per_ip));
  p.push_back(pg::float8(limits.window_seconds));
  p.push_back(pg::boolean(client.known));
  p.push_back(pg::int8(limits.account_ceiling()));
  pg::result r = co_await db.query(select_login_retry_after, std::move(p));
  co_return seconds_or_null(r);
}

common::awaitable<void> record_login_failure(pg::queryable& db, login_client client) {
  pg::params p = client_params(client);
  co_await db.query(insert_login_failure, std::move(p));
}

common::awaitable<void> clear_login_failures(pg::queryable& db, login_client client) {
  pg::params p = client_params(client);
  co_await db.query(delete_login_failures, std::move(p));
}

common::awaitable<bool> address_known(pg::queryable& db, std::string user_id, std::string address) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(address))};
  pg::result r = co_await db.query(select_address_known, std::move(p));
  co_return !r.empty();
}

common::awaitable<bool> device_known(pg::queryable& db, std::string user_id, std::string token_hash,
                                     int max_age_days) {
  pg::params p{pg::uuid(std::move(user_id)), pg::bytea(token_hash), pg::int4(max_age_days)};
  pg::result r = co_await db.query(select_device_known, std::move(p));
  co_return !r.empty();
}

common::awaitable<void> remember_client(pg::queryable& db, std::string user_id, std::string address,
                                        std::optional<std::string> token_hash) {
  pg::params p{pg::uuid(user_id), pg::text(std::move(address))};
  co_await db.query(upsert_address, std::move(p));
  if (!token_hash) co_return;
  pg::params d{pg::uuid(std::move(user_id)), pg::bytea(*token_hash)};
  co_await db.query(upsert_device, std::move(d));
}

common::awaitable<std::optional<long long>> recheck_retry_after(pg::queryable& db, std::string session_id, int limit,
                                                                int window_seconds) {
  pg::params p{pg::uuid(std::move(session_id)), pg::int8(limit), pg::float8(window_seconds)};
  pg::result r = co_await db.query(select_recheck_retry_after, std::move(p));
  co_return seconds_or_null(r);
}

common::awaitable<void> record_recheck_failure(pg::queryable& db, std::string session_id) {
  pg::params p{pg::uuid(std::move(session_id))};
  co_await db.query(insert_recheck_failure, std::move(p));
}

common::awaitable<void> clear_recheck_failures(pg::queryable& db, std::string session_id) {
  pg::params p{pg::uuid(std::move(session_id))};
  co_await db.query(delete_recheck_failures, std::move(p));
}

common::awaitable<std::optional<long long>> registration_retry_after(pg::queryable& db, std::string ip,
                                                                     int max_per_hour) {
  pg::params p{pg::text(std::move(ip)), pg::int8(max_per_hour)};
  pg::result r = co_await db.query(select_registration_retry_after, std::move(p));
  co_return seconds_or_null(r);
}

common::awaitable<void> record_registration(pg::queryable& db, std::string ip) {
  pg::params p{pg::text(std::move(ip))};
  co_await db.query(insert_registration, std::move(p));
}

common::awaitable<void> prune_counters(pg::queryable& db, int login_window_seconds, int device_days) {
  pg::params p{pg::float8(login_window_seconds)};
  co_await db.query(prune_login_failures, std::move(p));
  pg::params r{pg::float8(login_window_seconds)};
  co_await db.query(prune_recheck_failures, std::move(r));
  pg::params d{pg::int4(device_days)};
  co_await db.query(prune_devices, std::move(d));
  pg::params none1;
  co_await db.query(prune_registrations, std::move(none1));
  pg::params none2;
  co_await db.query(prune_sessions, std::move(none2));
}

}  // namespace auth::storage
