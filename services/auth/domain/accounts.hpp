// Account use cases: registration, login (throttled, constant-time for unknown emails), profile,
// password change and account deletion.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>

namespace auth::domain {

/// Detail of the 429 answered while logins are throttled.
inline constexpr std::string_view login_throttled_detail = "Too many failed login attempts. Try again later.";

/// Creates an account for a validated email and password and opens its first session.
/// email_taken when the email exists (case-insensitively); throttled per IP and hour. By REGISTRATION_MODE:
/// registration_closed when closed; in invite mode invite_refused (with a sentence) unless `invite_code` names an
/// unexpired invite with a use left, which the account takes in the same transaction (ignored when open).
common::awaitable<outcome<api::token_response>> register_account(services& svc, std::string email,
                                                                 std::string password, client_info client,
                                                                 std::optional<std::string> invite_code = {});
/// Opens a session when the password matches. invalid_credentials for unknown email or wrong password
/// (same work either way); throttled while the account or the IP has too many recent failures;
/// account_disabled (only with the right password) when an admin disabled the account.
common::awaitable<outcome<api::token_response>> login(services& svc, std::string email, std::string password,
                                                      client_info client);
/// The caller's profile; user_not_found when the account is gone.
common::awaitable<outcome<api::user_out>> find_me(services& svc, principal who);
/// Replaces the password after re-checking the current one (wrong_password), ending every other session.
common::awaitable<outcome<void>> change_password(services& svc, principal who, std::string current_password,
                                                 std::string new_password, client_info client);
/// Deletes the account after re-checking the password (wrong_password); audit rows are kept.
common::awaitable<outcome<void>> delete_account(services& svc, principal who, std::string password,
                                                client_info client);

}  // namespace auth::domain
