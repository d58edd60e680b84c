// Administration use cases over storage/users.
#include "auth/domain/admin.hpp"
#include "auth/domain/audit.hpp"
#include "auth/storage/users.hpp"
#include "common/core/uuid.hpp"

namespace auth::domain {
namespace {

/// Audits `action` twice: on the admin (naming the account) and on the account (naming the admin).
common::awaitable<void> record_on_both(common::pg::queryable& db, audit_action action, std::string admin_id,
                                       std::string user_id, client_info client, boost::json::object details) {
  boost::json::object on_admin = details;
  on_admin["target_user_id"] = user_id;
  boost::json::object on_user = std::move(details);
  on_user["admin_user_id"] = admin_id;
  auto by_admin = event(std::move(admin_id), action, true, client, std::move(on_admin));
  co_await record(db, std::move(by_admin));
  auto to_user = event(std::move(user_id), action, true, client, std::move(on_user));
  co_await record(db, std::move(to_user));
}

}  // namespace

common::awaitable<outcome<void>> require_admin(admin_services svc, std::string user_id) {
  if (!common::is_uuid(user_id)) co_return fail(errc::admin_only);
  auto user = co_await storage::find_user(svc.db, std::move(user_id));
  if (!user || !user->admin || user->disabled) co_return fail(errc::admin_only);
  co_return outcome<void>{};
}

common::awaitable<api::admin_users_out> list_users(admin_services svc) {
  auto users = co_await storage::list_accounts(svc.db);
  co_return api::admin_users_out{std::move(users)};
}

common::awaitable<outcome<api::admin_user_out>> set_user_disabled(admin_services svc, std::string admin_id,
                                                                  std::string user_id, bool disabled,
                                                                  client_info client) {
  if (!common::is_uuid(user_id)) co_return fail(errc::user_not_found);
  if (disabled && user_id == admin_id) co_return fail(errc::cannot_disable_self);
  common::pg::transaction tx = co_await svc.db.begin();
  auto ended = co_await storage::set_disabled(tx, user_id, disabled);
  if (ended) {
    boost::json::object details;
    if (disabled) details["sessions_ended"] = *ended;
    audit_action action = disabled ? audit_action::user_disabled : audit_action::user_enabled;
    co_await record_on_both(tx, action, std::move(admin_id), user_id, client, std::move(details));
  }
  co_await tx.commit();
  if (!ended) co_return fail(errc::user_not_found);
  auto account = co_await storage::find_account(svc.db, std::move(user_id));
  if (!account) co_return fail(errc::user_not_found);
  co_return std::move(*account);
}

common::awaitable<outcome<api::admin_user_out>> set_admin(admin_services svc, std::string email, bool admin,
                                                          client_info client) {
  auto user = co_await storage::find_user_by_email(svc.db, std::move(email));
  if (!user) co_return fail(errc::user_not_found);
  common::pg::transaction tx = co_await svc.db.begin();
  co_await storage::set_admin(tx, user->id, admin);
  audit_action action = admin ? audit_action::admin_granted : audit_action::admin_revoked;
  auto e = event(user->id, action, true, client);
  co_await record(tx, std::move(e));
  co_await tx.commit();
  auto account = co_await storage::find_account(svc.db, user->id);
  if (!account) co_return fail(errc::user_not_found);
  co_return std::move(*account);
}

}  // namespace auth::domain
