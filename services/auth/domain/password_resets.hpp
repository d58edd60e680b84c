// Password reset without e-mail: an admin or the command line issues a single-use link to the browser app, valid
// 30 minutes; presenting its token with a new password sets the password and ends every session.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace auth::domain {

/// How long a reset link stays valid.
inline constexpr long long reset_token_lifetime = 30 * 60;

/// `{app_url}/#/reset?token={token}`: the browser app's reset page.
std::string reset_link(std::string_view app_url, std::string_view token);
/// A new reset link for `user_id` (32 random bytes, stored only as SHA-256); audited as password_reset_issued on
/// the account and, when `admin_id` is set, on the admin. user_not_found for an unknown id.
common::awaitable<outcome<api::reset_link_out>> issue_password_reset(admin_services svc, std::string user_id,
                                                                     std::optional<std::string> admin_id,
                                                                     client_info client);
/// Sets the (validated) new password of the token's account, uses up the token and every other unused token of the
/// account, and ends all its sessions; audited as password_reset. reset_token_invalid (with a sentence) when the
/// token is unknown, used or expired; the password is hashed only for a usable token.
common::awaitable<outcome<void>> reset_password(services& svc, std::string token, std::string new_password,
                                                client_info client);

}  // namespace auth::domain
