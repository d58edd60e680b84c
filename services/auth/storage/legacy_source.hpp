// Reading accounts and stored keys from the Python app's database (docs/legacy-import.md); read only.
#pragma once
#include "common/pg/pool.hpp"
#include <boost/describe/class.hpp>
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// One row of the legacy `users` table.
struct legacy_user {
  std::string id;
  std::string email;
  std::optional<std::string> password_hash;  // null for accounts made by Google/GitHub sign-in
  std::string created_at;                    // RFC 3339 UTC
  std::string updated_at;
};
BOOST_DESCRIBE_STRUCT(legacy_user, (), (id, email, password_hash, created_at, updated_at))

/// One row of the legacy `user_api_keys` table.
struct legacy_key {
  std::string id;
  std::string user_id;
  std::string provider;
  std::string encrypted_key;  // a Fernet token
  std::optional<std::string> key_hint;
};
BOOST_DESCRIBE_STRUCT(legacy_key, (), (id, user_id, provider, encrypted_key, key_hint))

/// Every legacy user, oldest first. Timestamps without a zone are read as UTC when the session's zone is UTC.
common::awaitable<std::vector<legacy_user>> read_legacy_users(common::pg::pool& legacy);
/// Every legacy stored key, ordered by user and provider.
common::awaitable<std::vector<legacy_key>> read_legacy_keys(common::pg::pool& legacy);

}  // namespace auth::storage
