// Account administration: who is an admin, the account list admins see, disabling and enabling accounts, and
// granting or revoking admin rights (command line). Every change is audited on the admin and the account.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <string>

namespace auth::domain {

/// Succeeds when `user_id` is an enabled admin; admin_only otherwise.
common::awaitable<outcome<void>> require_admin(admin_services svc, std::string user_id);
/// Every account, oldest first, with its last sign-in, flags and whether a key is stored (never the key).
common::awaitable<api::admin_users_out> list_users(admin_services svc);
/// Disables (ending every session of the account at once) or enables `user_id` on behalf of admin `admin_id`;
/// audited as user_disabled / user_enabled on both. user_not_found for an unknown id; cannot_disable_self when
/// an admin disables their own account. Repeating it changes nothing but is audited again.
common::awaitable<outcome<api::admin_user_out>> set_user_disabled(admin_services svc, std::string admin_id,
                                                                  std::string user_id, bool disabled,
                                                                  client_info client);
/// Grants or revokes admin rights of the account of `email` (command line); audited as admin_granted /
/// admin_revoked on it. user_not_found when there is no such account.
common::awaitable<outcome<api::admin_user_out>> set_admin(admin_services svc, std::string email, bool admin,
                                                          client_info client);

}  // namespace auth::domain
