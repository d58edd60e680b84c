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

/// Body of POST /api/settings/api-key; an absent or null provider means openrouter.
struct key_in {
  std::string api_key;
  std::optional<std::string> provider;
};
BOOST_DESCRIBE_STRUCT(key_in, (), (api_key, provider))

/// Body of PATCH /api/settings/api-key/{provider}: `endpoint` is kept as sent (string, null or absent).
struct key_patch_in {
  std::optional<bool> enabled;
  std::optional<boost::json::value> endpoint;
};
BOOST_DESCRIBE_STRUCT(key_patch_in, (), (enabled, endpoint))

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
};
BOOST_DESCRIBE_STRUCT(key_out, (), (id, provider, key_hint, enabled, endpoint, created_at, updated_at, last_used_at))

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
};
BOOST_DESCRIBE_STRUCT(audit_event_out, (), (id, at, action, outcome, ip, user_agent, details))

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

/// `{"status": ...}`.
struct status_out {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(status_out, (), (status))

}  // namespace auth::api
