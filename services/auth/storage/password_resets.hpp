// SQL of auth.password_resets: single-use reset tokens (stored only as SHA-256) and the reset itself.
#pragma once
#include "common/pg/pool.hpp"
#include <boost/describe/class.hpp>
#include <optional>
#include <string>

namespace auth::storage {

/// A stored reset token as found by its hash.
struct reset_token_state {
  std::string user_id;
  bool used = false;
  bool expired = false;
};
BOOST_DESCRIBE_STRUCT(reset_token_state, (), (user_id, used, expired))

/// What a completed reset changed.
struct completed_reset {
  std::string user_id;
  long long sessions_ended = 0;
};
BOOST_DESCRIBE_STRUCT(completed_reset, (), (user_id, sessions_ended))

/// Stores a reset token for `user_id` valid `lifetime_seconds` from now; returns its expiry (RFC 3339).
common::awaitable<std::string> insert_reset_token(common::pg::queryable& db, std::string token_hash, std::string user_id,
                                                  long long lifetime_seconds);
/// The token whose hash is `token_hash`, used or not; nullopt when unknown.
common::awaitable<std::optional<reset_token_state>> find_reset_token(common::pg::queryable& db, std::string token_hash);
/// In one statement: marks the token used (only if unused and unexpired), with every other unused token of its
/// user, sets the user's password hash and revokes all their sessions. nullopt when the token was not usable.
common::awaitable<std::optional<completed_reset>> complete_reset(common::pg::queryable& db, std::string token_hash,
                                                                 std::string password_hash);

}  // namespace auth::storage
