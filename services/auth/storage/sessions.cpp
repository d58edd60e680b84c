// auth.sessions statements, including the refresh-token rotation transaction (typed parameters, rows by name).
#include "auth/storage/sessions.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace auth::storage {
namespace pg = common::pg;
namespace {

constexpr std::string_view insert_session =
    "WITH signed_in AS (UPDATE auth.users SET last_login_at = now() WHERE id = $1) "
    "INSERT INTO auth.sessions (user_id, refresh_hash, expires_at, user_agent, ip) "
    "VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5) RETURNING id";
constexpr std::string_view select_session_state =
    "SELECT EXISTS (SELECT 1 FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id WHERE s.id = $1 "
    "AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled) AS active, "
    "EXISTS (SELECT 1 FROM auth.users WHERE id = $2) AS user_exists";
constexpr std::string_view select_session_user =
    "SELECT u.id, u.email, u.created_at, NOT u.disabled AND EXISTS (SELECT 1 FROM auth.sessions s WHERE s.id = $1 "
    "AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()) AS active FROM auth.users u WHERE u.id = $2";
constexpr std::string_view select_by_current_hash =
    "SELECT s.id, s.user_id, s.revoked_at IS NULL AND s.expires_at > now() AND NOT u.disabled AS usable "
    "FROM auth.sessions s JOIN auth.users u ON u.id = s.user_id WHERE s.refresh_hash = $1 FOR UPDATE OF s";
constexpr std::string_view insert_retired_token =
    "INSERT INTO auth.retired_refresh_tokens (token_hash, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr std::string_view rotate_refresh_hash =
    "UPDATE auth.sessions SET refresh_hash = $2, previous_hash = $3, grace_token = $4, rotated_at = now(), "
    "last_used_at = now(), user_agent = coalesce($5, user_agent), ip = coalesce($6, ip) WHERE id = $1";
constexpr std::string_view select_by_previous_hash =
    "SELECT id, user_id, revoked_at IS NULL AND expires_at > now() "
    "AND rotated_at > now() - make_interval(secs => $2) AS usable, grace_token "
    "FROM auth.sessions WHERE previous_hash = $1 FOR UPDATE";
constexpr std::string_view touch_session = "UPDATE auth.sessions SET last_used_at = now() WHERE id = $1";
constexpr std::string_view select_by_retired_hash =
    "SELECT s.id, s.user_id FROM auth.retired_refresh_tokens t JOIN auth.sessions s ON s.id = t.session_id "
    "WHERE t.token_hash = $1 FOR UPDATE OF s";
constexpr std::string_view revoke_session_by_id =
    "UPDATE auth.sessions SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1";
constexpr std::string_view revoke_by_hash =
    "UPDATE auth.sessions SET revoked_at = now() "
    "WHERE (refresh_hash = $1 OR (previous_hash = $1 AND rotated_at > now() - make_interval(secs => $2))) "
    "AND revoked_at IS NULL AND expires_at > now() RETURNING id, user_id";
constexpr std::string_view select_active_sessions =
    "SELECT id, created_at, last_used_at, user_agent, ip, id = $2 AS current FROM auth.sessions "
    "WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC, id";
constexpr std::string_view select_all_sessions =
    "SELECT id, created_at, last_used_at, expires_at, revoked_at, user_agent, ip FROM auth.sessions "
    "WHERE user_id = $1 ORDER BY created_at DESC, id";
constexpr std::string_view revoke_user_session =
    "UPDATE auth.sessions SET revoked_at = now() WHERE id = $2 AND user_id = $1 "
    "AND revoked_at IS NULL AND expires_at > now()";
constexpr std::string_view revoke_other_user_sessions =
    "UPDATE auth.sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL";

/// A session found by one of its refresh-token hashes.
struct session_match {
  std::string id;
  std::string user_id;
  bool usable = false;
};
BOOST_DESCRIBE_STRUCT(session_match, (), (id, user_id, usable))

/// A session found by its previous hash, with the token sealed for a repeat within the grace.
struct previous_match {
  std::string id;
  std::string user_id;
  bool usable = false;
  std::optional<std::string> grace_token;
};
BOOST_DESCRIBE_STRUCT(previous_match, (), (id, user_id, usable, grace_token))

/// Whether a session is active and its user exists.
struct session_check {
  bool active = false;
  bool user_exists = false;
};
BOOST_DESCRIBE_STRUCT(session_check, (), (active, user_exists))

/// A session id with its owner.
struct session_owner {
  std::string id;
  std::string user_id;
};
BOOST_DESCRIBE_STRUCT(session_owner, (), (id, user_id))

/// The new session's id.
struct new_session {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(new_session, (), (id))

}  // namespace

common::awaitable<std::string> create_session(pg::queryable& db, std::string user_id, std::string refresh_hash,
                                              long long lifetime_seconds, domain::client_info client) {
  pg::params p{pg::uuid(std::move(user_id)), pg::bytea(refresh_hash), pg::float8(static_cast<double>(lifetime_seconds)),
               pg::text(pg::null_if_empty(std::move(client.user_agent))),
               pg::text(pg::null_if_empty(std::move(client.ip)))};
  pg::result r = co_await db.query(insert_session, std::move(p));
  std::vector<new_session> created = pg::rows_as<new_session>(r);
  co_return std::move(created.at(0).id);
}

common::awaitable<session_state> check_session(pg::queryable& db, std::string session_id, std::string user_id) {
  pg::params p{pg::uuid(std::move(session_id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_session_state, std::move(p));
  std::vector<session_check> found = pg::rows_as<session_check>(r);
  if (found.at(0).active) co_return session_state::active;
  co_return found.at(0).user_exists ? session_state::inactive : session_state::user_gone;
}

common::awaitable<std::optional<session_user>> find_session_user(pg::queryable& db, std::string session_id,
                                                                 std::string user_id) {
  pg::params p{pg::uuid(std::move(session_id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_session_user, std::move(p));
  co_return pg::first_row_as<session_user>(r);
}

common::awaitable<refresh_outcome> use_refresh_token(pg::transaction& tx, std::string hash, std::string new_hash,
                                                     std::string grace_token, long long grace_seconds,
                                                     domain::client_info client) {
  refresh_outcome out;

  pg::params p1{pg::bytea(hash)};
  pg::result current_rows = co_await tx.query(select_by_current_hash, std::move(p1));
  if (auto current = pg::first_row_as<session_match>(current_rows)) {
    out.session_id = current->id;
    out.user_id = current->user_id;
    if (current->usable) {
      pg::params p2{pg::bytea(hash), pg::uuid(out.session_id)};
      co_await tx.query(insert_retired_token, std::move(p2));
      pg::params p3{pg::uuid(out.session_id),
                    pg::bytea(new_hash),
                    pg::bytea(hash),
                    pg::bytea(grace_token),
                    pg::text(pg::null_if_empty(std::move(client.user_agent))),
                    pg::text(pg::null_if_empty(std::move(client.ip)))};
      co_await tx.query(rotate_refresh_hash, std::move(p3));
      out.what = refresh_outcome::kind::rotated;
    }
    co_return out;
  }

  pg::params p4{pg::bytea(hash), pg::float8(static_cast<double>(grace_seconds))};
  pg::result previous_rows = co_await tx.query(select_by_previous_hash, std::move(p4));
  auto previous = pg::first_row_as<previous_match>(previous_rows);
  if (previous && previous->usable && previous->grace_token) {
    out.session_id = previous->id;
    out.user_id = previous->user_id;
    out.grace_token = std::move(*previous->grace_token);
    pg::params p5{pg::uuid(out.session_id)};
    co_await tx.query(touch_session, std::move(p5));
    out.what = refresh_outcome::kind::grace;
    co_return out;
  }

  pg::params p6{pg::bytea(hash)};
  pg::result retired_rows = co_await tx.query(select_by_retired_hash, std::move(p6));
  if (auto retired = pg::first_row_as<session_owner>(retired_rows)) {
    out.session_id = retired->id;
    out.user_id = retired->user_id;
    pg::params p7{pg::uuid(out.session_id)};
    co_await tx.query(revoke_session_by_id, std::move(p7));
    out.what = refresh_outcome::kind::reused;
  }
  co_return out;
}

common::awaitable<std::optional<revoked_session>> revoke_by_refresh_hash(pg::queryable& db, std::string hash,
                                                                         long long grace_seconds) {
  pg::params p{pg::bytea(hash), pg::float8(static_cast<double>(grace_seconds))};
  pg::result r = co_await db.query(revoke_by_hash, std::move(p));
  auto revoked = pg::first_row_as<session_owner>(r);
  if (!revoked) co_return std::nullopt;
  co_return revoked_session{std::move(revoked->id), std::move(revoked->user_id)};
}

common::awaitable<std::vector<api::session_out>> list_sessions(pg::queryable& db, std::string user_id,
                                                               std::string current_session_id) {
  pg::params p{pg::uuid(std::move(user_id)), pg::uuid(std::move(current_session_id))};
  pg::result r = co_await db.query(select_active_sessions, std::move(p));
  co_return pg::rows_as<api::session_out>(r);
}

common::awaitable<std::vector<api::session_record_out>> list_session_history(pg::queryable& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_all_sessions, std::move(p));
  co_return pg::rows_as<api::session_record_out>(r);
}

common::awaitable<bool> revoke_session(pg::queryable& db, std::string user_id, std::string session_id) {
  pg::params p{pg::uuid(std::move(user_id)), pg::uuid(std::move(session_id))};
  pg::result r = co_await db.query(revoke_user_session, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<long long> revoke_other_sessions(pg::queryable& db, std::string user_id, std::string keep_session_id) {
  pg::params p{pg::uuid(std::move(user_id)), pg::uuid(std::move(keep_session_id))};
  pg::result r = co_await db.query(revoke_other_user_sessions, std::move(p));
  co_return r.affected();
}

}  // namespace auth::storage
