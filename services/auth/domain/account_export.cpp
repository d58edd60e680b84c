// Account export over storage/users, storage/sessions, the key metadata of provider_keys and the audit log.
#include "auth/domain/account_export.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/audit_hosts.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/storage/audit.hpp"
#include "auth/storage/sessions.hpp"
#include <limits>

namespace auth::domain {

common::awaitable<outcome<api::account_export_out>> export_account(services& svc, principal who,
                                                                   std::string client_identity, client_info client) {
  auto profile = co_await find_me(svc, who);
  if (!profile) co_return profile.error();
  boost::json::object details{{"client", client_identity}};
  audit_entry exported = event(who.user_id, audit_action::account_exported, true, client, std::move(details));
  co_await record(svc.db, std::move(exported));
  std::vector<api::session_record_out> sessions = co_await storage::list_session_history(svc.db, who.user_id);
  std::vector<api::key_out> keys = co_await list_keys(key_services{svc.db, svc.vault}, who.user_id);
  std::optional<long long> from_newest;
  std::vector<api::audit_event_out> events =
      co_await storage::list_events(svc.db, who.user_id, std::numeric_limits<int>::max(), from_newest);
  reveal_endpoint_hosts(svc.vault, who.user_id, events);
  co_return api::account_export_out{std::move(*profile), std::move(sessions), std::move(keys), std::move(events)};
}

common::awaitable<void> record_export_refusal(services& svc, std::optional<std::string> user_id, std::string why,
                                              std::string client_identity, client_info client) {
  boost::json::object details{{"reason", why}, {"client", client_identity}};
  audit_entry refused = event(std::move(user_id), audit_action::account_exported, false, client, std::move(details));
  co_await record(svc.db, std::move(refused));
}

}  // namespace auth::domain
