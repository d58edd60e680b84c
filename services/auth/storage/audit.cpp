// auth.audit_events statements (typed parameters, rows read by column name).
#include "auth/storage/audit.hpp"
#include "common/pg/rows.hpp"
#include <boost/json/serialize.hpp>

namespace auth::storage {
namespace pg = common::pg;
namespace {

constexpr std::string_view insert_event =
    "INSERT INTO auth.audit_events (user_id, action, outcome, ip, user_agent, details, authenticated, aggregate_key) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr std::string_view lock_aggregate = "SELECT pg_advisory_xact_lock(hashtextextended($1, 13))";
constexpr std::string_view count_repeat =
    "UPDATE auth.audit_events SET count = count + 1 WHERE id = ("
    " SELECT id FROM auth.audit_events WHERE aggregate_key = $1 AND at > clock_timestamp() - make_interval(secs => $2)"
    " ORDER BY at DESC LIMIT 1)";
constexpr std::string_view select_events =
    "SELECT id, at, action, outcome, ip, user_agent, details, count, authenticated FROM auth.audit_events "
    "WHERE user_id = $1 AND ($3 IS NULL OR id < $3) ORDER BY id DESC LIMIT $2";
constexpr std::string_view set_prune_cutoff =
    "SELECT auth.rfc3339(c) AS before, set_config('auth.audit_prune_before', c::text, true) AS cutoff "
    "FROM (SELECT now() - make_interval(days => $1) AS c) t";
constexpr std::string_view delete_old_events =
    "DELETE FROM auth.audit_events WHERE at < current_setting('auth.audit_prune_before')::timestamptz";

/// The cutoff of a pruning run.
struct cutoff_row {
  std::string before;  // RFC 3339
  std::string cutoff;  // as the server prints it
};
BOOST_DESCRIBE_STRUCT(cutoff_row, (), (before, cutoff))

pg::params event_params(domain::audit_entry entry, std::optional<std::string> aggregate_key) {
  std::string outcome = entry.success ? "success" : "failure";
  return pg::params{pg::uuid(std::move(entry.user_id)),
                    pg::text(std::string(domain::wire_name(entry.action))),
                    pg::text(std::move(outcome)),
                    pg::text(pg::null_if_empty(std::move(entry.client.ip))),
                    pg::text(pg::null_if_empty(std::move(entry.client.user_agent))),
                    pg::jsonb(boost::json::serialize(entry.details)),
                    pg::boolean(entry.authenticated),
                    pg::text(std::move(aggregate_key))};
}

}  // namespace

common::awaitable<void> append_event(pg::queryable& db, domain::audit_entry entry) {
  pg::params p = event_params(std::move(entry), std::nullopt);
  co_await db.query(insert_event, std::move(p));
}

common::awaitable<void> append_repeated_event(pg::pool& db, domain::audit_entry entry, std::string aggregate_key,
                                              int window_seconds) {
  pg::transaction tx = co_await db.begin();
  pg::params lock{pg::text(aggregate_key)};
  co_await tx.query(lock_aggregate, std::move(lock));
  pg::params repeat{pg::text(aggregate_key), pg::float8(window_seconds)};
  pg::result counted = co_await tx.query(count_repeat, std::move(repeat));
  if (counted.affected() == 0) {
    pg::params p = event_params(std::move(entry), std::move(aggregate_key));
    co_await tx.query(insert_event, std::move(p));
  }
  co_await tx.commit();
}

common::awaitable<std::vector<api::audit_event_out>> list_events(pg::queryable& db, std::string user_id, int limit,
                                                                 std::optional<long long> before) {
  pg::params p{pg::uuid(std::move(user_id)), pg::int8(limit), pg::int8(before)};
  pg::result r = co_await db.query(select_events, std::move(p));
  co_return pg::rows_as<api::audit_event_out>(r);
}

common::awaitable<long long> prune_events(pg::pool& db, int retention_days, domain::audit_entry report) {
  pg::transaction tx = co_await db.begin();
  pg::params p{pg::int4(retention_days)};
  pg::result c = co_await tx.query(set_prune_cutoff, std::move(p));
  cutoff_row cutoff = pg::rows_as<cutoff_row>(c).at(0);
  pg::params none;
  pg::result deleted = co_await tx.query(delete_old_events, std::move(none));
  long long n = deleted.affected();
  report.details["deleted"] = n;
  report.details["before"] = cutoff.before;
  co_await append_event(tx, std::move(report));
  co_await tx.commit();
  co_return n;
}

}  // namespace auth::storage
