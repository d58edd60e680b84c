// Session use cases called directly against PostgreSQL: authenticate, open_session, refresh (rotation, the
// two-tab grace, reuse detection), logout, list_sessions and revoke_session.
#include "usecase_fixture.hpp"
#include "auth/domain/sessions.hpp"
#include "common/crypto/ed25519.hpp"

using auth::domain::errc;
using namespace usecase_test;
namespace domain = auth::domain;

namespace {

std::string session_column(const usecase_fixture& fx, const std::string& column, const std::string& session_id) {
  return fx.sql("SELECT " + column + " FROM auth.sessions WHERE id = " + quoted(session_id));
}

bool session_active(const usecase_fixture& fx, const std::string& session_id) {
  return session_column(fx, "revoked_at IS NULL", session_id) == "t";
}

/// Moves the session's last rotation `seconds` into the past (past the reuse grace when above 10).
void age_rotation(const usecase_fixture& fx, const std::string& session_id, int seconds) {
  fx.sql("UPDATE auth.sessions SET rotated_at = rotated_at - make_interval(secs => " + std::to_string(seconds) +
         ") WHERE id = " + quoted(session_id));
}

std::string refreshed(usecase_fixture& fx, const std::string& refresh_token) {
  auto tokens = fx.run(domain::refresh(fx.svc(), refresh_token, test_client));
  REQUIRE(tokens.has_value());
  return tokens->refresh_token;
}

}  // namespace

TEST_CASE("authenticate accepts a live session's access token and refuses the rest", "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");

  auto who = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  REQUIRE(who.has_value());
  CHECK(who->user_id == ada.who.user_id);
  CHECK(who->session_id == ada.who.session_id);

  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), "not.a.jwt"))).code == errc::invalid_token);
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), ""))).code == errc::invalid_token);

  auth::token_settings foreign;
  foreign.issuer = "usecase-test-issuer";
  foreign.audience = "usecase-test-audience";
  foreign.signing_key_pem = common::crypto::ed25519_private_key::generate().to_pem();
  domain::token_service other_signer(foreign);
  std::string forged = other_signer.issue_access(ada.who.user_id, ada.who.session_id);
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), forged))).code == errc::invalid_token);
  std::string not_uuids = fx.svc().tokens.issue_access("user-1", "session-1");
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), not_uuids))).code == errc::invalid_token);

  fx.sql("UPDATE auth.sessions SET expires_at = now() - interval '1 second' WHERE id = " + quoted(ada.who.session_id));
  auto expired = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  CHECK(failure_of(expired).code == errc::invalid_token);

  fx.sql("UPDATE auth.sessions SET expires_at = now() + interval '1 day', revoked_at = now() WHERE id = " +
         quoted(ada.who.session_id));
  auto revoked = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  CHECK(failure_of(revoked).code == errc::invalid_token);

  fx.sql("DELETE FROM auth.users WHERE id = " + quoted(ada.who.user_id));
  auto gone = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  CHECK(failure_of(gone).code == errc::user_not_found);
}

TEST_CASE("open_session stores the refresh hash, the client and the session lifetime", "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  domain::client_info anonymous{"", ""};
  auto tokens = fx.run(domain::open_session(fx.svc(), ada.who.user_id, anonymous));
  auto who = fx.principal_of(tokens.access_token);
  CHECK(who.user_id == ada.who.user_id);
  CHECK(tokens.expires_in == 900);
  CHECK(session_column(fx, "encode(refresh_hash, 'hex')", who.session_id) == stored_hash_hex(tokens.refresh_token));
  CHECK(session_column(fx, "extract(epoch FROM expires_at - created_at)::bigint", who.session_id) == "604800");
  CHECK(session_column(fx, "ip IS NULL AND user_agent IS NULL AND previous_hash IS NULL", who.session_id) == "t");
}

TEST_CASE("refresh rotates the token within the same session, retires the old one and audits it",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  domain::client_info phone{"198.51.100.30", "phone-app"};
  auto tokens = fx.run(domain::refresh(fx.svc(), ada.refresh_token, phone));
  REQUIRE(tokens.has_value());
  CHECK(tokens->refresh_token != ada.refresh_token);
  CHECK(tokens->token_type == "bearer");
  auto who = fx.principal_of(tokens->access_token);
  CHECK(who.user_id == ada.who.user_id);
  CHECK(who.session_id == ada.who.session_id);

  CHECK(session_column(fx, "encode(refresh_hash, 'hex') || '|' || encode(previous_hash, 'hex') || '|' || ip || '|' || "
                           "user_agent || '|' || (grace_token IS NOT NULL) || '|' || (rotated_at IS NOT NULL)",
                       ada.who.session_id) ==
        stored_hash_hex(tokens->refresh_token) + "|" + stored_hash_hex(ada.refresh_token) +
            "|198.51.100.30|phone-app|true|true");
  CHECK(fx.sql("SELECT session_id FROM auth.retired_refresh_tokens WHERE encode(token_hash, 'hex') = " +
               quoted(stored_hash_hex(ada.refresh_token))) == ada.who.session_id);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'refresh' AND outcome = 'success' AND "
                       "details->>'session_id' = " + quoted(ada.who.session_id) + " AND ip = '198.51.100.30' AND "
                       "NOT details ? 'within_grace'") == 1);

  CHECK(fx.run(domain::refresh(fx.svc(), tokens->refresh_token, test_client)).has_value());
}

TEST_CASE("a second tab presenting the just-rotated token within the grace gets the same new token",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto first_tab = fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client));
  REQUIRE(first_tab.has_value());
  auto second_tab = fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client));
  REQUIRE(second_tab.has_value());

  CHECK(second_tab->refresh_token == first_tab->refresh_token);
  CHECK(fx.principal_of(second_tab->access_token).session_id == ada.who.session_id);
  CHECK(session_active(fx, ada.who.session_id));
  CHECK(session_column(fx, "encode(refresh_hash, 'hex')", ada.who.session_id) ==
        stored_hash_hex(first_tab->refresh_token));
  CHECK(fx.audit_count("action = 'refresh' AND outcome = 'success' AND details->>'within_grace' = 'true'") == 1);
  CHECK(fx.audit_count("action = 'refresh_reuse_detected'") == 0);
  CHECK(fx.run(domain::refresh(fx.svc(), first_tab->refresh_token, test_client)).has_value());
}

TEST_CASE("a rotated token presented after the grace revokes the whole session", "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  std::string current = refreshed(fx, ada.refresh_token);
  age_rotation(fx, ada.who.session_id, 11);

  auto reused = fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client));
  CHECK(failure_of(reused).code == errc::invalid_token);
  CHECK_FALSE(session_active(fx, ada.who.session_id));
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'refresh_reuse_detected' AND "
                       "outcome = 'failure' AND details->>'session_id' = " + quoted(ada.who.session_id)) == 1);

  auto legitimate = fx.run(domain::refresh(fx.svc(), current, test_client));
  CHECK(failure_of(legitimate).code == errc::invalid_token);
  auto access = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  CHECK(failure_of(access).code == errc::invalid_token);
}

TEST_CASE("a token rotated two steps back revokes the session even within the grace", "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  std::string second = refreshed(fx, ada.refresh_token);
  std::string third = refreshed(fx, second);

  auto reused = fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client));
  CHECK(failure_of(reused).code == errc::invalid_token);
  CHECK_FALSE(session_active(fx, ada.who.session_id));
  CHECK(fx.audit_count(ada.who.user_id, "refresh_reuse_detected", "failure") == 1);
  CHECK(failure_of(fx.run(domain::refresh(fx.svc(), third, test_client))).code == errc::invalid_token);
}

TEST_CASE("refresh refuses empty, oversized, unknown and revoked-session tokens without touching any session",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto bob = fx.register_account("bob@example.com", "bobs password");
  auto stored = [&] { return fx.sql("SELECT string_agg(encode(refresh_hash, 'hex'), ',' ORDER BY id) FROM auth.sessions"); };
  std::string before = stored();

  for (std::string token : {std::string(), std::string(129, 'a'), domain::new_refresh_token()}) {
    auto refused = fx.run(domain::refresh(fx.svc(), token, test_client));
    CHECK(failure_of(refused).code == errc::invalid_token);
  }
  fx.sql("UPDATE auth.sessions SET revoked_at = now() WHERE id = " + quoted(bob.who.session_id));
  auto revoked = fx.run(domain::refresh(fx.svc(), bob.refresh_token, test_client));
  CHECK(failure_of(revoked).code == errc::invalid_token);
  fx.sql("UPDATE auth.sessions SET expires_at = now() - interval '1 second' WHERE id = " + quoted(ada.who.session_id));
  auto expired = fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client));
  CHECK(failure_of(expired).code == errc::invalid_token);

  CHECK(stored() == before);
  CHECK(std::stoll(fx.sql("SELECT count(*) FROM auth.retired_refresh_tokens")) == 0);
  CHECK(fx.audit_count("action IN ('refresh', 'refresh_reuse_detected')") == 0);
}

TEST_CASE("logout ends the session of the current token, or of the previous one within the grace",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto bob = fx.register_account("bob@example.com", "bobs password");

  REQUIRE(fx.run(domain::logout(fx.svc(), ada.refresh_token, test_client)).has_value());
  CHECK_FALSE(session_active(fx, ada.who.session_id));
  CHECK(session_active(fx, bob.who.session_id));
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'logout' AND outcome = 'success' AND "
                       "details->>'session_id' = " + quoted(ada.who.session_id)) == 1);
  CHECK(failure_of(fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client))).code ==
        errc::invalid_token);
  CHECK(failure_of(fx.run(domain::logout(fx.svc(), ada.refresh_token, test_client))).code ==
        errc::invalid_token);

  refreshed(fx, bob.refresh_token);
  REQUIRE(fx.run(domain::logout(fx.svc(), bob.refresh_token, test_client)).has_value());  // the previous token
  CHECK_FALSE(session_active(fx, bob.who.session_id));

  CHECK(failure_of(fx.run(domain::logout(fx.svc(), "", test_client))).code == errc::invalid_token);
  CHECK(failure_of(fx.run(domain::logout(fx.svc(), domain::new_refresh_token(), test_client))).code ==
        errc::invalid_token);
  CHECK(fx.audit_count("action = 'logout'") == 2);
}

TEST_CASE("logout with a rotated token after the grace is refused and leaves the session alone",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  refreshed(fx, ada.refresh_token);
  age_rotation(fx, ada.who.session_id, 11);
  auto refused = fx.run(domain::logout(fx.svc(), ada.refresh_token, test_client));
  CHECK(failure_of(refused).code == errc::invalid_token);
  CHECK(session_active(fx, ada.who.session_id));
}

TEST_CASE("list_sessions shows the caller's live sessions newest first with the current one marked",
          "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  domain::client_info laptop{"198.51.100.20", "laptop-browser"};
  auto second = fx.run(domain::open_session(fx.svc(), ada.who.user_id, laptop));
  auto third = fx.run(domain::open_session(fx.svc(), ada.who.user_id, domain::client_info{"", ""}));
  auto revoked = fx.run(domain::open_session(fx.svc(), ada.who.user_id, test_client));
  fx.sql("UPDATE auth.sessions SET revoked_at = now() WHERE id = " +
         quoted(fx.principal_of(revoked.access_token).session_id));
  fx.register_account("bob@example.com", "bobs password");
  auto second_id = fx.principal_of(second.access_token).session_id;
  auto third_id = fx.principal_of(third.access_token).session_id;

  domain::principal from_laptop{ada.who.user_id, second_id};
  auto sessions = fx.run(domain::list_sessions(fx.svc(), from_laptop));
  REQUIRE(sessions.size() == 3);
  CHECK(sessions[0].id == third_id);
  CHECK(sessions[1].id == second_id);
  CHECK(sessions[2].id == ada.who.session_id);
  CHECK_FALSE(sessions[0].current);
  CHECK(sessions[1].current);
  CHECK_FALSE(sessions[2].current);
  CHECK_FALSE(sessions[0].ip.has_value());
  CHECK_FALSE(sessions[0].user_agent.has_value());
  CHECK(sessions[1].ip == std::optional<std::string>("198.51.100.20"));
  CHECK(sessions[1].user_agent == std::optional<std::string>("laptop-browser"));
  CHECK_THAT(sessions[2].created_at, Catch::Matches(rfc3339_pattern));
  CHECK_THAT(sessions[2].last_used_at, Catch::Matches(rfc3339_pattern));
  CHECK(sessions[2].created_at == session_column(fx, "auth.rfc3339(created_at)", ada.who.session_id));
}

TEST_CASE("revoke_session ends one of the caller's sessions and nobody else's", "[auth][usecase][sessions]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto other = fx.run(domain::open_session(fx.svc(), ada.who.user_id, test_client));
  auto other_id = fx.principal_of(other.access_token).session_id;
  auto bob = fx.register_account("bob@example.com", "bobs password");

  REQUIRE(fx.run(domain::revoke_session(fx.svc(), ada.who, other_id, test_client)).has_value());
  CHECK_FALSE(session_active(fx, other_id));
  CHECK(session_active(fx, ada.who.session_id));
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'session_revoked' AND "
                       "outcome = 'success' AND details->>'session_id' = " + quoted(other_id)) == 1);
  auto access = fx.run(domain::authenticate(fx.svc(), other.access_token));
  CHECK(failure_of(access).code == errc::invalid_token);

  for (std::string id : {other_id, bob.who.session_id, std::string("not-a-uuid"),
                         std::string("00000000-0000-4000-8000-000000000000")}) {
    auto refused = fx.run(domain::revoke_session(fx.svc(), ada.who, id, test_client));
    INFO("session id " << id);
    CHECK(failure_of(refused).code == errc::session_not_found);
  }
  CHECK(session_active(fx, bob.who.session_id));
  CHECK(fx.audit_count("action = 'session_revoked'") == 1);
}
