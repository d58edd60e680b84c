// auth.audit_events statements (typed parameters, rows read by column name).
#include "auth/storage/audit.hpp"
#include "common/pg/rows.hpp"
#include <boost/json/serialize.hpp>

namespace auth::storage {
namespace pg = common::pg;
namespace {

constexpr std::string_view insert_event =
    "INSERT INTO auth.audit_events (user_id, action, outcome, ip, user_agent, details) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view select_events =
    "SELECT id, at, action, outcome, ip, user_agent, details FROM auth.audit_events "
    "WHERE user_id = $1 AND ($3 IS NULL OR id < $3) ORDER BY id DESC LIMIT $2";

pg::params event_params(domain::audit_entry entry) {
  std::string outcome = entry.success ? "success" : "failure";
  return pg::params{pg::uuid(std::move(entry.user_id)),
                    pg::text(std::string(domain::wire_name(entry.action))),
                    pg::text(std::move(outcome)),
                    pg::text(pg::null_if_empty(std::move(entry.client.ip))),
                    pg::text(pg::null_if_empty(std::move(entry.client.user_agent))),
                    pg::jsonb(boost::json::serialize(entry.details))};
}

}  // namespace

common::awaitable<void> append_event(pg::pool& db, domain::audit_entry entry) {
  pg::params p = event_params(std::move(entry));
  co_await db.query(insert_event, std::move(p));
}

common::awaitable<void> append_event(pg::transaction& tx, domain::audit_entry entry) {
  pg::params p = event_params(std::move(entry));
  co_await tx.query(insert_event, std::move(p));
}

common::awaitable<std::vector<api::audit_event_out>> list_events(pg::pool& db, std::string user_id, int limit,
                                                                 std::optional<long long> before) {
  pg::params p{pg::uuid(std::move(user_id)), pg::int8(limit), pg::int8(before)};
  pg::result r = co_await db.query(select_events, std::move(p));
  co_return pg::rows_as<api::audit_event_out>(r);
}

}  // namespace auth::storage
