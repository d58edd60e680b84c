// Throttling statements (typed parameters): the N-th most recent event in the window decides when the limit lifts.
#include "auth/storage/throttle.hpp"
#include <algorithm>

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view select_login_retry_after =
    "WITH w AS (SELECT make_interval(secs => $5) AS len) "
    "SELECT ceil(extract(epoch FROM max(lifts_at) - clock_timestamp()))::bigint FROM ("
    " (SELECT f.at + w.len AS lifts_at FROM auth.login_failures f, w"
    "  WHERE f.account = $1 AND f.at > clock_timestamp() - w.len ORDER BY f.at DESC OFFSET $3 - 1 LIMIT 1)"
    " UNION ALL"
    " (SELECT f.at + w.len FROM auth.login_failures f, w"
    "  WHERE f.ip = $2 AND f.at > clock_timestamp() - w.len ORDER BY f.at DESC OFFSET $4 - 1 LIMIT 1)"
    ") t";
constexpr std::string_view insert_login_failure = "INSERT INTO auth.login_failures (account, ip) VALUES ($1, $2)";
constexpr std::string_view delete_login_failures = "DELETE FROM auth.login_failures WHERE account = $1";
constexpr std::string_view select_registration_retry_after =
    "SELECT ceil(extract(epoch FROM at + interval '1 hour' - clock_timestamp()))::bigint "
    "FROM auth.registration_attempts WHERE ip = $1 AND at > clock_timestamp() - interval '1 hour' "
    "ORDER BY at DESC OFFSET $2 - 1 LIMIT 1";
constexpr std::string_view insert_registration = "INSERT INTO auth.registration_attempts (ip) VALUES ($1)";
constexpr std::string_view prune_login_failures =
    "DELETE FROM auth.login_failures WHERE at < clock_timestamp() - make_interval(secs => $1)";
constexpr std::string_view prune_registrations =
    "DELETE FROM auth.registration_attempts WHERE at < clock_timestamp() - interval '1 hour'";
constexpr std::string_view prune_sessions = "DELETE FROM auth.sessions WHERE expires_at < now() - interval '1 day'";

std::optional<long long> seconds_or_null(const pg::result& r) {
  if (r.empty() || r.is_null(0, 0)) return std::nullopt;
  return std::max(1LL, r.integer(0, 0));
}

}  // namespace

common::awaitable<std::optional<long long>> login_retry_after(pg::pool& db, std::string account, std::string ip,
                                                              throttle_settings limits) {
  pg::params p{pg::bytea(account), pg::text(std::move(ip)), pg::int8(limits.max_failures),
               pg::int8(limits.max_failures_per_ip), pg::float8(limits.window_seconds)};
  pg::result r = co_await db.query(select_login_retry_after, std::move(p));
  co_return seconds_or_null(r);
}

common::awaitable<void> record_login_failure(pg::pool& db, std::string account, std::string ip) {
  pg::params p{pg::bytea(account), pg::text(std::move(ip))};
  co_await db.query(insert_login_failure, std::move(p));
}

common::awaitable<void> clear_login_failures(pg::pool& db, std::string account) {
  pg::params p{pg::bytea(account)};
  co_await db.query(delete_login_failures, std::move(p));
}

common::awaitable<std::optional<long long>> registration_retry_after(pg::pool& db, std::string ip, int max_per_hour) {
  pg::params p{pg::text(std::move(ip)), pg::int8(max_per_hour)};
  pg::result r = co_await db.query(select_registration_retry_after, std::move(p));
  co_return seconds_or_null(r);
}

common::awaitable<void> record_registration(pg::pool& db, std::string ip) {
  pg::params p{pg::text(std::move(ip))};
  co_await db.query(insert_registration, std::move(p));
}

common::awaitable<void> prune_counters(pg::pool& db, int login_window_seconds) {
  pg::params p{pg::float8(login_window_seconds)};
  co_await db.query(prune_login_failures, std::move(p));
  pg::params none1;
  co_await db.query(prune_registrations, std::move(none1));
  pg::params none2;
  co_await db.query(prune_sessions, std::move(none2));
}

}  // namespace auth::storage
