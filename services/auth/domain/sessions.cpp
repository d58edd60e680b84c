// Session use cases: token checks against the session table, rotation, grace, reuse detection.
#include "auth/domain/sessions.hpp"
#include "common/core/log.hpp"
#include "common/core/uuid.hpp"
#include "auth/domain/audit.hpp"
#include "auth/storage/sessions.hpp"

namespace auth::domain {
namespace {

constexpr std::size_t max_refresh_token_length = 128;

api::token_response token_pair(const services& svc, const std::string& user_id, const std::string& session_id,
                               std::string refresh_token) {
  api::token_response out;
  out.access_token = svc.tokens.issue_access(user_id, session_id);
  out.refresh_token = std::move(refresh_token);
  out.expires_in = svc.tokens.access_ttl();
  return out;
}

boost::json::object session_details(const std::string& session_id) {
  boost::json::object d;
  d["session_id"] = session_id;
  return d;
}

// The claims of a validly signed, unexpired access token whose sub and sid are UUIDs.
std::optional<common::jwt::claims> valid_claims(const services& svc, const std::string& access_token) {
  auto claims = svc.tokens.verify_access(access_token);
  if (!claims || !common::is_uuid(claims->sub) || !common::is_uuid(claims->sid)) return std::nullopt;
  return std::move(*claims);
}

}  // namespace

common::awaitable<outcome<principal>> authenticate(services& svc, std::string access_token) {
  auto claims = valid_claims(svc, access_token);
  if (!claims) co_return fail(errc::invalid_token);
  storage::session_state state = co_await storage::check_session(svc.db, claims->sid, claims->sub);
  if (state == storage::session_state::user_gone) co_return fail(errc::user_not_found);
  if (state != storage::session_state::active) co_return fail(errc::invalid_token);
  co_return principal{claims->sub, claims->sid};
}

common::awaitable<outcome<api::user_out>> whoami(services& svc, std::string access_token) {
  auto claims = valid_claims(svc, access_token);
  if (!claims) co_return fail(errc::invalid_token);
  auto found = co_await storage::find_session_user(svc.db, std::move(claims->sid), std::move(claims->sub));
  if (!found) co_return fail(errc::user_not_found);
  if (!found->active) co_return fail(errc::invalid_token);
  co_return api::user_out{std::move(found->id), std::move(found->email), std::move(found->created_at)};
}

common::awaitable<api::token_response> open_session(services& svc, std::string user_id, client_info client) {
  api::token_response tokens = co_await open_session(svc, svc.db, std::move(user_id), std::move(client));
  co_return tokens;
}

common::awaitable<api::token_response> open_session(services& svc, common::pg::queryable& db, std::string user_id,
                                                    client_info client) {
  std::string refresh_token = new_refresh_token();
  std::string hash = refresh_token_hash(refresh_token);
  std::string session_id =
      co_await storage::create_session(db, user_id, std::move(hash), svc.tokens.session_lifetime(), client);
  co_return token_pair(svc, user_id, session_id, std::move(refresh_token));
}

common::awaitable<outcome<api::token_response>> refresh(services& svc, std::string refresh_token, client_info client) {
  if (refresh_token.empty() || refresh_token.size() > max_refresh_token_length) co_return fail(errc::invalid_token);
  std::string next_token = new_refresh_token();
  std::string next_hash = refresh_token_hash(next_token);
  std::string grace_token = seal_for_holder(refresh_token, next_token);
  std::string hash = refresh_token_hash(refresh_token);
  common::pg::transaction tx = co_await svc.db.begin();
  storage::refresh_outcome used = co_await storage::use_refresh_token(
      tx, std::move(hash), std::move(next_hash), std::move(grace_token), svc.tokens.reuse_grace(), client);

  using kind = storage::refresh_outcome::kind;
  if (used.what == kind::rotated || used.what == kind::grace) {
    std::string issued = std::move(next_token);
    boost::json::object details = session_details(used.session_id);
    if (used.what == kind::grace) {
      auto opened = open_for_holder(refresh_token, used.grace_token);
      if (!opened) {
        co_await tx.commit();
        co_return fail(errc::invalid_token);
      }
      issued = std::move(*opened);
      details["within_grace"] = true;
    }
    auto e = event(used.user_id, audit_action::refresh, true, client, std::move(details));
    co_await record(tx, std::move(e));
    co_await tx.commit();
    co_return token_pair(svc, used.user_id, used.session_id, std::move(issued));
  }
  if (used.what == kind::reused) {
    common::log::warn("refresh token reuse detected; session revoked", session_details(used.session_id));
    auto e = event(used.user_id, audit_action::refresh_reuse_detected, false, client, session_details(used.session_id));
    e.authenticated = false;
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  co_return fail(errc::invalid_token);
}

common::awaitable<outcome<void>> logout(services& svc, std::string refresh_token, client_info client) {
  if (refresh_token.empty() || refresh_token.size() > max_refresh_token_length) co_return fail(errc::invalid_token);
  std::string hash = refresh_token_hash(refresh_token);
  common::pg::transaction tx = co_await svc.db.begin();
  auto revoked = co_await storage::revoke_by_refresh_hash(tx, std::move(hash), svc.tokens.reuse_grace());
  if (revoked) {
    auto e = event(revoked->user_id, audit_action::logout, true, client, session_details(revoked->session_id));
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  if (!revoked) co_return fail(errc::invalid_token);
  co_return outcome<void>{};
}

common::awaitable<std::vector<api::session_out>> list_sessions(services& svc, principal who) {
  auto sessions = co_await storage::list_sessions(svc.db, std::move(who.user_id), std::move(who.session_id));
  co_return sessions;
}

common::awaitable<outcome<void>> revoke_session(services& svc, principal who, std::string session_id,
                                                client_info client) {
  if (!common::is_uuid(session_id)) co_return fail(errc::session_not_found);
  common::pg::transaction tx = co_await svc.db.begin();
  bool revoked = co_await storage::revoke_session(tx, who.user_id, session_id);
  if (revoked) {
    auto e = event(who.user_id, audit_action::session_revoked, true, client, session_details(session_id));
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  if (!revoked) co_return fail(errc::session_not_found);
  co_return outcome<void>{};
}

}  // namespace auth::domain
