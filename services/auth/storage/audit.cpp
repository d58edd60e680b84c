// auth.audit_events statements.
#include "auth/storage/audit.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace auth::storage {
namespace pg = common::pg;

common::awaitable<void> append_event(pg::pool& db, domain::audit_entry entry) {
  constexpr std::string_view sql =
      "INSERT INTO auth.audit_events (user_id, action, outcome, ip, user_agent, details) "
      "VALUES ($1, $2, $3, $4, $5, $6::jsonb)";
  std::string outcome = entry.success ? "success" : "failure";
  pg::params p{std::move(entry.user_id),
               std::move(entry.action),
               std::move(outcome),
               pg::null_if_empty(std::move(entry.client.ip)),
               pg::null_if_empty(std::move(entry.client.user_agent)),
               boost::json::serialize(entry.details)};
  co_await db.query(sql, std::move(p));
}

common::awaitable<std::vector<api::audit_event_out>> list_events(pg::pool& db, std::string user_id, int limit,
                                                                 std::optional<long long> before) {
  constexpr std::string_view sql =
      "SELECT id, auth.rfc3339(at), action, outcome, ip, user_agent, details::text FROM auth.audit_events "
      "WHERE user_id = $1 AND ($3::bigint IS NULL OR id < $3::bigint) ORDER BY id DESC LIMIT $2";
  std::optional<std::string> before_param;
  if (before) before_param = std::to_string(*before);
  pg::params p{std::move(user_id), std::to_string(limit), std::move(before_param)};
  pg::result r = co_await db.query(sql, std::move(p));
  std::vector<api::audit_event_out> out;
  for (int i = 0; i < r.size(); ++i) {
    api::audit_event_out e;
    e.id = r.integer(i, 0);
    e.at = r.text(i, 1);
    e.action = r.text(i, 2);
    e.outcome = r.text(i, 3);
    e.ip = r.opt_text(i, 4);
    e.user_agent = r.opt_text(i, 5);
    e.details = boost::json::parse(r.text(i, 6));
    out.push_back(std::move(e));
  }
  co_return out;
}

}  // namespace auth::storage
