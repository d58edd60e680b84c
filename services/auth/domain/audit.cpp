// Audit log use cases over storage/audit.
#include "auth/domain/audit.hpp"
#include "auth/domain/audit_hosts.hpp"
#include "auth/domain/audit_metrics.hpp"
#include "auth/storage/audit.hpp"
#include "common/core/ip_network.hpp"
#include "common/crypto/encoding.hpp"

namespace auth::domain {

common::awaitable<void> record(common::pg::queryable& db, audit_entry entry) {
  count_audit_event(entry);
  co_await storage::append_event(db, std::move(entry));
}

common::awaitable<void> record_repeated(services& svc, audit_entry entry, const std::string& account) {
  count_audit_event(entry);
  std::string key = std::string(wire_name(entry.action)) + "|" + common::crypto::base64url_encode(account) + "|" +
                    common::address_group(entry.client.ip);
  co_await storage::append_repeated_event(svc.db, std::move(entry), std::move(key), svc.throttle.window_seconds);
}

common::awaitable<long long> prune_audit_log(common::pg::pool& db, int retention_days, client_info client) {
  boost::json::object details;
  details["retention_days"] = retention_days;
  audit_entry report = event(std::nullopt, audit_action::audit_pruned, true, client, std::move(details));
  count_audit_event(report);
  long long deleted = co_await storage::prune_events(db, retention_days, std::move(report));
  co_return deleted;
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
  auto events = co_await storage::list_events(svc.db, user_id, limit, before);
  reveal_endpoint_hosts(svc.vault, user_id, events);
  co_return events;
}

}  // namespace auth::domain
