// Wire DTOs of the public and internal auth API (api.md), described once for json::value_from.
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace auth::api {

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

/// `{"status": ...}`.
struct status_out {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(status_out, (), (status))

}  // namespace auth::api
