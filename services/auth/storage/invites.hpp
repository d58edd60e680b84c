// SQL of auth.invites: issuing invite codes (stored only as SHA-256). Their use is in storage/users.
#pragma once
#include "common/pg/pool.hpp"
#include <boost/describe/class.hpp>
#include <optional>
#include <string>

namespace auth::storage {

/// A stored invite's id and expiry.
struct stored_invite {
  std::string id;
  std::string expires_at;  // RFC 3339
};
BOOST_DESCRIBE_STRUCT(stored_invite, (), (id, expires_at))

/// Stores an invite for `uses` registrations, valid `lifetime_seconds` from now, issued by `created_by` (an admin's
/// id; nullopt from the command line).
common::awaitable<stored_invite> insert_invite(common::pg::queryable& db, std::string code_hash, int uses,
                                               long long lifetime_seconds, std::optional<std::string> created_by);

}  // namespace auth::storage
