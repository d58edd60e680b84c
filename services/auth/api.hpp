// Wire DTOs of the public and internal auth API (proto/auth.openapi.yaml, proto/internal.openapi.yaml), described
// once for json::value_from (answers) and common::http::read_body (request bodies).
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace auth::api {

/// Body of register and login.
struct credentials_in {
  std::string email;
  std::string password;
};
BOOST_DESCRIBE_STRUCT(credentials_in, (), (email, password))

/// Body of POST /api/auth/register: credentials and, in invite mode, the invite code.
struct register_in {
  std::string email;
  std::string password;
  std::optional<std::string> invite_code;
};
BOOST_DESCRIBE_STRUCT(register_in, (), (email, password, invite_code))

/// Body of POST /api/auth/password-reset.
struct password_reset_in {
  std::string token;
  std::string new_password;
};
BOOST_DESCRIBE_STRUCT(password_reset_in, (), (token, new_password))

/// Body of POST /api/admin/invites: both fields are integers (checked by the handler) or absent.
struct invite_in {
  std::optional<boost::json::value> uses;
  std::optional<boost::json::value> expires_in_days;
};
BOOST_DESCRIBE_STRUCT(invite_in, (), (uses, expires_in_days))

/// Body of POST /api/auth/password.
struct password_change_in {
  std::string current_password;
  std::string new_password;
};
BOOST_DESCRIBE_STRUCT(password_change_in, (), (current_password, new_password))

/// Body of DELETE /api/auth/account.
struct password_in {
  std::string password;
};
BOOST_DESCRIBE_STRUCT(password_in, (), (password))

/// Body of refresh and logout.
struct refresh_in {
  std::string refresh_token;
};
BOOST_DESCRIBE_STRUCT(refresh_in, (), (refresh_token))

/// Body of POST /api/settings/api-key; an absent or null provider means openrouter; `validate: false` skips the
/// provider's check of the key.
struct key_in {
  std::string api_key;
  std::optional<std::string> provider;
  std::optional<bool> validate;
  std::optional<boost::json::value> endpoint;        // string, null or absent (absent: no custom endpoint)
  std::optional<std::string> current_password;       // needed with `endpoint`
};
BOOST_DESCRIBE_STRUCT(key_in, (), (api_key, provider, validate, endpoint, current_password))

/// Body of PATCH /api/settings/api-key/{provider}: `endpoint` is kept as sent (string, null or absent).
struct key_patch_in {
  std::optional<bool> enabled;
  std::optional<boost::json::value> endpoint;
  std::optional<std::string> current_password;  // needed with `endpoint`
};
BOOST_DESCRIBE_STRUCT(key_patch_in, (), (enabled, endpoint, current_password))

/// Answer of register, login and refresh.
struct token_response {
  std::string access_token;
  std::string refresh_token;
  std::string token_type = "bearer";
  long long expires_in = 0;
};
BOOST_DESCRIBE_STRUCT(token_response, (), (access_token, refresh_token, token_type, expires_in))

/// GET /api/auth/me.
struct user_out {
  std::string id;
  std::string email;
  std::string created_at;
};
BOOST_DESCRIBE_STRUCT(user_out, (), (id, email, created_at))

/// One entry of GET /api/auth/sessions.
struct session_out {
  std::string id;
  std::string created_at;
  std::string last_used_at;
  std::optional<std::string> user_agent;
  std::optional<std::string> ip;
  bool current = false;
};
BOOST_DESCRIBE_STRUCT(session_out, (), (id, created_at, last_used_at, user_agent, ip, current))

/// Metadata of a stored provider key (never the key itself).
struct key_out {
  std::string id;
  std::string provider;
  std::string key_hint;
  bool enabled = true;
  std::optional<std::string> endpoint;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> validated_at;  // the last successful check by the provider; null: never checked
  std::optional<double> limit;              // the key's credit limit as the provider reported it
  std::optional<double> usage;              // the credit used, as reported
  std::optional<std::string> endpoint_changed_at;  // the last set, change or removal of the custom endpoint
};
BOOST_DESCRIBE_STRUCT(key_out, (), (id, provider, key_hint, enabled, endpoint, created_at, updated_at, last_used_at,
                                    validated_at, limit, usage, endpoint_changed_at))

/// Internal GET /internal/v1/keys/{provider}: the decrypted key.
struct released_key_out {
  std::string provider;
  std::string api_key;
  std::optional<std::string> endpoint;
};
BOOST_DESCRIBE_STRUCT(released_key_out, (), (provider, api_key, endpoint))

/// One entry of GET /api/settings/audit-log.
struct audit_event_out {
  long long id = 0;
  std::string at;
  std::string action;
  std::string outcome;
  std::optional<std::string> ip;
  std::optional<std::string> user_agent;
  boost::json::value details;
  long long count = 1;         // how many attempts the row stands for (repeated throttled attempts share one)
  bool authenticated = true;   // false: written for a request that carried no credential of the account
};
BOOST_DESCRIBE_STRUCT(audit_event_out, (), (id, at, action, outcome, ip, user_agent, details, count, authenticated))

/// One session in an account export: active, ended or expired.
struct session_record_out {
  std::string id;
  std::string created_at;
  std::string last_used_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> user_agent;
  std::optional<std::string> ip;
};
BOOST_DESCRIBE_STRUCT(session_record_out, (), (id, created_at, last_used_at, expires_at, revoked_at, user_agent, ip))

/// Internal GET /internal/v1/account-export: everything the account holds except secrets (key metadata only).
struct account_export_out {
  user_out profile;
  std::vector<session_record_out> sessions;
  std::vector<key_out> keys;
  std::vector<audit_event_out> audit_events;  // newest first, the export's own event included
};
BOOST_DESCRIBE_STRUCT(account_export_out, (), (profile, sessions, keys, audit_events))

/// GET /api/auth/config.
struct config_out {
  std::string registration;  // "open", "invite" or "closed"
};
BOOST_DESCRIBE_STRUCT(config_out, (), (registration))

/// One account as admins see it (never a key).
struct admin_user_out {
  std::string id;
  std::string email;
  std::string created_at;
  std::optional<std::string> last_login_at;
  bool disabled = false;
  bool admin = false;
  bool key_stored = false;
};
BOOST_DESCRIBE_STRUCT(admin_user_out, (), (id, email, created_at, last_login_at, disabled, admin, key_stored))

/// GET /api/admin/users.
struct admin_users_out {
  std::vector<admin_user_out> users;
};
BOOST_DESCRIBE_STRUCT(admin_users_out, (), (users))

/// A new invite: the code is shown once and stored only as its hash.
struct invite_out {
  std::string code;
  long long uses = 1;
  std::string expires_at;
};
BOOST_DESCRIBE_STRUCT(invite_out, (), (code, uses, expires_at))

/// A new password-reset link (single use) and its token.
struct reset_link_out {
  std::string link;
  std::string token;
  std::string expires_at;
};
BOOST_DESCRIBE_STRUCT(reset_link_out, (), (link, token, expires_at))

/// `{"status": ...}`.
struct status_out {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(status_out, (), (status))

/// One ended session of GET /internal/v1/revocations.
struct revocation_out {
  std::string session_id;
  std::string revoked_at;  // RFC 3339
};
BOOST_DESCRIBE_STRUCT(revocation_out, (), (session_id, revoked_at))

/// GET /internal/v1/revocations: what ended since the cursor, the next cursor, and how long an entry matters.
struct revocation_feed_out {
  std::string cursor;
  long long retain_seconds = 0;  // an entry can be forgotten this long after revoked_at (every token it refuses has expired)
  std::vector<revocation_out> revocations;
};
BOOST_DESCRIBE_STRUCT(revocation_feed_out, (), (cursor, retain_seconds, revocations))

}  // namespace auth::api
