// Records shared by the auth use cases and the store.
#pragma once
#include "auth/domain/audit_action.hpp"
#include "auth/domain/key_vault.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace auth::domain {

/// Who sent a request, as recorded in sessions and audit rows.
struct client_info {
  std::string ip;
  std::string user_agent;
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
};

/// One audit event to append; `details` never holds secrets.
struct audit_entry {
  std::optional<std::string> user_id;
  audit_action action = audit_action::login_failure;
  bool success = true;
  client_info client;
  boost::json::object details;
};

}  // namespace auth::domain
