// auth.sessions statements, including the refresh-token rotation transaction.
#include "auth/storage/sessions.hpp"

namespace auth::storage {
namespace pg = common::pg;

common::awaitable<std::string> create_session(pg::pool& db, std::string user_id, std::string refresh_hash,
                                              long long lifetime_seconds, domain::client_info client) {
  constexpr std::string_view sql =
      "INSERT INTO auth.sessions (user_id, refresh_hash, expires_at, user_agent, ip) "
      "VALUES ($1, $2, now() + make_interval(secs => $3::double precision), $4, $5) RETURNING id";
  pg::params p{std::move(user_id), pg::bytea_param(refresh_hash), std::to_string(lifetime_seconds),
               pg::null_if_empty(std::move(client.user_agent)), pg::null_if_empty(std::move(client.ip))};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return std::string(r.text(0, 0));
}

common::awaitable<session_state> check_session(pg::pool& db, std::string session_id, std::string user_id) {
  constexpr std::string_view sql =
      "SELECT EXISTS (SELECT 1 FROM auth.sessions WHERE id = $1 AND user_id = $2 "
      "AND revoked_at IS NULL AND expires_at > now()), EXISTS (SELECT 1 FROM auth.users WHERE id = $2)";
  pg::params p{std::move(session_id), std::move(user_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  if (r.boolean(0, 0)) co_return session_state::active;
  co_return r.boolean(0, 1) ? session_state::inactive : session_state::user_gone;
}

common::awaitable<refresh_outcome> use_refresh_token(pg::pool& db, std::string hash, std::string new_hash,
                                                     std::string grace_token, long long grace_seconds,
                                                     domain::client_info client) {
  constexpr std::string_view find_current =
      "SELECT id, user_id, revoked_at IS NULL AND expires_at > now() FROM auth.sessions "
      "WHERE refresh_hash = $1 FOR UPDATE";
  constexpr std::string_view retire =
      "INSERT INTO auth.retired_refresh_tokens (token_hash, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  constexpr std::string_view rotate =
      "UPDATE auth.sessions SET refresh_hash = $2, previous_hash = $3, grace_token = $4, rotated_at = now(), "
      "last_used_at = now(), user_agent = coalesce($5, user_agent), ip = coalesce($6, ip) WHERE id = $1";
  constexpr std::string_view find_previous =
      "SELECT id, user_id, revoked_at IS NULL AND expires_at > now() "
      "AND rotated_at > now() - make_interval(secs => $2::double precision), grace_token "
      "FROM auth.sessions WHERE previous_hash = $1 FOR UPDATE";
  constexpr std::string_view touch = "UPDATE auth.sessions SET last_used_at = now() WHERE id = $1";
  constexpr std::string_view find_retired =
      "SELECT s.id, s.user_id FROM auth.retired_refresh_tokens t JOIN auth.sessions s ON s.id = t.session_id "
      "WHERE t.token_hash = $1 FOR UPDATE OF s";
  constexpr std::string_view revoke =
      "UPDATE auth.sessions SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1";

  refresh_outcome out;
  std::string hash_param = pg::bytea_param(hash);
  pg::transaction tx = co_await db.begin();

  pg::params p1{hash_param};
  pg::result current = co_await tx.query(find_current, std::move(p1));
  if (!current.empty()) {
    out.session_id = current.text(0, 0);
    out.user_id = current.text(0, 1);
    if (current.boolean(0, 2)) {
      pg::params p2{hash_param, out.session_id};
      co_await tx.query(retire, std::move(p2));
      pg::params p3{out.session_id, pg::bytea_param(new_hash), hash_param, pg::bytea_param(grace_token),
                    pg::null_if_empty(std::move(client.user_agent)), pg::null_if_empty(std::move(client.ip))};
      co_await tx.query(rotate, std::move(p3));
      out.what = refresh_outcome::kind::rotated;
    }
    co_await tx.commit();
    co_return out;
  }

  pg::params p4{hash_param, std::to_string(grace_seconds)};
  pg::result previous = co_await tx.query(find_previous, std::move(p4));
  if (!previous.empty() && previous.boolean(0, 2) && !previous.is_null(0, 3)) {
    out.session_id = previous.text(0, 0);
    out.user_id = previous.text(0, 1);
    out.grace_token = previous.bytes(0, 3);
    pg::params p5{out.session_id};
    co_await tx.query(touch, std::move(p5));
    out.what = refresh_outcome::kind::grace;
    co_await tx.commit();
    co_return out;
  }

  pg::params p6{hash_param};
  pg::result retired = co_await tx.query(find_retired, std::move(p6));
  if (!retired.empty()) {
    out.session_id = retired.text(0, 0);
    out.user_id = retired.text(0, 1);
    pg::params p7{out.session_id};
    co_await tx.query(revoke, std::move(p7));
    out.what = refresh_outcome::kind::reused;
  }
  co_await tx.commit();
  co_return out;
}

common::awaitable<std::optional<revoked_session>> revoke_by_refresh_hash(pg::pool& db, std::string hash,
                                                                         long long grace_seconds) {
  constexpr std::string_view sql =
      "UPDATE auth.sessions SET revoked_at = now() "
      "WHERE (refresh_hash = $1 OR (previous_hash = $1 AND rotated_at > now() - make_interval(secs => "
      "$2::double precision))) AND revoked_at IS NULL AND expires_at > now() RETURNING id, user_id";
  pg::params p{pg::bytea_param(hash), std::to_string(grace_seconds)};
  pg::result r = co_await db.query(sql, std::move(p));
  if (r.empty()) co_return std::nullopt;
  revoked_session out{std::string(r.text(0, 0)), std::string(r.text(0, 1))};
  co_return out;
}

common::awaitable<std::vector<api::session_out>> list_sessions(pg::pool& db, std::string user_id,
                                                               std::string current_session_id) {
  constexpr std::string_view sql =
      "SELECT id, auth.rfc3339(created_at), auth.rfc3339(last_used_at), user_agent, ip FROM auth.sessions "
      "WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC, id";
  pg::params p{std::move(user_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  std::vector<api::session_out> out;
  for (int i = 0; i < r.size(); ++i) {
    api::session_out s;
    s.id = r.text(i, 0);
    s.created_at = r.text(i, 1);
    s.last_used_at = r.text(i, 2);
    s.user_agent = r.opt_text(i, 3);
    s.ip = r.opt_text(i, 4);
    s.current = s.id == current_session_id;
    out.push_back(std::move(s));
  }
  co_return out;
}

common::awaitable<bool> revoke_session(pg::pool& db, std::string user_id, std::string session_id) {
  constexpr std::string_view sql =
      "UPDATE auth.sessions SET revoked_at = now() WHERE id = $2 AND user_id = $1 "
      "AND revoked_at IS NULL AND expires_at > now()";
  pg::params p{std::move(user_id), std::move(session_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<long long> revoke_other_sessions(pg::pool& db, std::string user_id, std::string keep_session_id) {
  constexpr std::string_view sql =
      "UPDATE auth.sessions SET revoked_at = now() WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL";
  pg::params p{std::move(user_id), std::move(keep_session_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.affected();
}

}  // namespace auth::storage
