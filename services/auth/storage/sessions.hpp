// SQL of auth.sessions and auth.retired_refresh_tokens.
#pragma once
#include "auth/api.hpp"
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <boost/describe/class.hpp>
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// State of an access token's session.
enum class session_state { active, inactive, user_gone };

/// What presenting a refresh token did.
struct refresh_outcome {
  enum class kind { rotated, grace, reused, invalid };
  kind what = kind::invalid;
  std::string session_id;
  std::string user_id;
  std::string grace_token;  // for kind::grace: the current token sealed for the presented one
};

/// A user's profile with the state of one of their sessions (see find_session_user).
struct session_user {
  std::string id;
  std::string email;
  std::string created_at;  // RFC 3339
  bool active = false;     // the session is neither revoked nor expired
};
BOOST_DESCRIBE_STRUCT(session_user, (), (id, email, created_at, active))

/// A session that was just revoked.
struct revoked_session {
  std::string session_id;
  std::string user_id;
};

/// Opens a session ending `lifetime_seconds` from now and records the user's last sign-in; returns its id.
common::awaitable<std::string> create_session(common::pg::queryable& db, std::string user_id, std::string refresh_hash,
                                              long long lifetime_seconds, domain::client_info client);
/// Whether session `session_id` of `user_id` is usable (not revoked, not expired, account not disabled) and the
/// user exists.
common::awaitable<session_state> check_session(common::pg::queryable& db, std::string session_id, std::string user_id);
/// In one statement: user `user_id` with whether their session `session_id` is usable; nullopt when the
/// user does not exist.
common::awaitable<std::optional<session_user>> find_session_user(common::pg::queryable& db, std::string session_id,
                                                                 std::string user_id);
/// In the caller's transaction `tx`: rotates the current token `hash` to `new_hash` (keeping `grace_token` for a
/// repeat), or recognises a repeat within `grace_seconds`, or revokes the session of a reused retired token.
common::awaitable<refresh_outcome> use_refresh_token(common::pg::transaction& tx, std::string hash, std::string new_hash,
                                                     std::string grace_token, long long grace_seconds,
                                                     domain::client_info client);
/// Revokes the active session whose current token (or previous one within the grace) is `hash`.
common::awaitable<std::optional<revoked_session>> revoke_by_refresh_hash(common::pg::queryable& db, std::string hash,
                                                                         long long grace_seconds);
/// The user's active sessions, newest first; `current` marks `current_session_id`.
common::awaitable<std::vector<api::session_out>> list_sessions(common::pg::queryable& db, std::string user_id,
                                                               std::string current_session_id);
/// Every session the user has (active, ended or expired), newest first.
common::awaitable<std::vector<api::session_record_out>> list_session_history(common::pg::queryable& db, std::string user_id);
/// Revokes one active session of the user; false when there is none with that id.
common::awaitable<bool> revoke_session(common::pg::queryable& db, std::string user_id, std::string session_id);
/// Revokes every active session of the user except `keep_session_id`; returns how many.
common::awaitable<long long> revoke_other_sessions(common::pg::queryable& db, std::string user_id,
                                                   std::string keep_session_id);

}  // namespace auth::storage
