// Audit log use cases over storage/audit.
#include "auth/domain/audit.hpp"
#include "auth/domain/audit_metrics.hpp"
#include "auth/storage/audit.hpp"

namespace auth::domain {

common::awaitable<void> record(common::pg::pool& db, audit_entry entry) {
  count_audit_event(entry);
  co_await storage::append_event(db, std::move(entry));
}

audit_entry event(std::optional<std::string> user_id, audit_action action, bool success, const client_info& client,
                  boost::json::object details) {
  audit_entry e;
  e.user_id = std::move(user_id);
  e.action = action;
  e.success = success;
  e.client = client;
  e.details = std::move(details);
  return e;
}

common::awaitable<std::vector<api::audit_event_out>> read_audit_log(services& svc, std::string user_id, int limit,
                                                                    std::optional<long long> before) {
  auto events = co_await storage::list_events(svc.db, std::move(user_id), limit, before);
  co_return events;
}

}  // namespace auth::domain
