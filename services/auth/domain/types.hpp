// Records shared by the auth use cases and the store.
#pragma once
#include "auth/domain/audit_action.hpp"
#include "auth/domain/key_vault.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace auth::domain {

/// Who sent a request, as recorded in sessions and audit rows (user agent valid UTF-8), plus what login
/// throttling needs: the device cookie it presented and whether it reached the gateway over https.
struct client_info {
  std::string ip;
  std::string user_agent;
  std::string device_token;  // value of the device cookie (docs/api.md, "Throttling"); empty without one
  bool https = false;        // X-Forwarded-Proto: https from a trusted proxy
};

/// The verified caller of an authenticated endpoint.
struct principal {
  std::string user_id;
  std::string session_id;
};

/// A stored account.
struct user_record {
  std::string id;
  std::string email;
  std::string password_hash;
  std::string created_at;  // RFC 3339
  bool admin = false;
  bool disabled = false;
};
BOOST_DESCRIBE_STRUCT(user_record, (), (id, email, password_hash, created_at, admin, disabled))

/// A provider's report of a key's credit (either may be unknown).
struct key_credit {
  std::optional<double> limit;
  std::optional<double> usage;
};

/// A stored provider key with its envelope.
struct key_record {
  std::string id;
  std::string user_id;
  std::string provider;
  envelope env;
  std::string key_hint;
  bool enabled = true;
  std::string created_at;  // RFC 3339
  std::string updated_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> validated_at;  // RFC 3339 of the last successful check; nullopt: never checked
  std::optional<double> credit_limit;
  std::optional<double> credit_usage;
  std::optional<std::string> endpoint_changed_at;  // RFC 3339; nullopt: the endpoint never changed
};

/// One audit event to append; `details` never holds secrets.
struct audit_entry {
  std::optional<std::string> user_id;
  audit_action action = audit_action::login_failure;
  bool success = true;
  client_info client;
  boost::json::object details;
  bool authenticated = true;  // false: the request carried no credential of the account (login failures, ...)
};

}  // namespace auth::domain
