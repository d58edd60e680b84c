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
/// Days a device cookie stays valid after the sign-in that set or last presented it.
inline constexpr int device_cookie_days = 365;

/// A successful sign-in: its tokens and the device cookie value to set (the presented one when it was valid, so
/// its lifetime starts again; else a new one).
struct signed_in {
  api::token_response tokens;
  std::string device_token;
};

/// Opens a session when the password matches. invalid_credentials for unknown email or wrong password
/// (same work either way); throttled while this client (its device cookie, else its address) has too many recent
/// failures for the account, the address too many across accounts (not with a device cookie), or the account too
/// many from anywhere and this client never signed in to it (docs/api.md, "Throttling"); account_disabled (only
/// with the right password) when an admin disabled the account. Success clears only this client's failures and
/// remembers its address and device.
common::awaitable<outcome<signed_in>> sign_in(services& svc, std::string email, std::string password,
                                              client_info client);
/// sign_in() without the device cookie.
common::awaitable<outcome<api::token_response>> login(services& svc, std::string email, std::string password,
                                                      client_info client);
/// Re-checks the password of the session's account before a sensitive change (`action` names it in the audit):
/// wrong_password (audited), throttled after recheck_limit() wrong ones in this session within the window;
/// user_not_found when the account is gone.
common::awaitable<outcome<user_record>> confirm_password(services& svc, principal who, std::string password,
                                                         audit_action action, client_info client);
/// The caller's profile; user_not_found when the account is gone.
common::awaitable<outcome<api::user_out>> find_me(services& svc, principal who);
/// Replaces the password after confirm_password(), ending every other session.
common::awaitable<outcome<void>> change_password(services& svc, principal who, std::string current_password,
                                                 std::string new_password, client_info client);
/// Deletes the account after confirm_password(); audit rows are kept.
common::awaitable<outcome<void>> delete_account(services& svc, principal who, std::string password,
                                                client_info client);

}  // namespace auth::domain
