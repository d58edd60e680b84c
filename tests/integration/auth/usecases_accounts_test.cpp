// Account use cases called directly against PostgreSQL: register_account, login, find_me, change_password and
// delete_account, with the rows and audit events each outcome leaves behind.
#include "usecase_fixture.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/sessions.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"

using auth::domain::errc;
using namespace usecase_test;
namespace domain = auth::domain;

namespace {

std::string user_column(const usecase_fixture& fx, const std::string& column, const std::string& user_id) {
  return fx.sql("SELECT " + column + " FROM auth.users WHERE id = " + quoted(user_id));
}

/// Hex of the throttling identity of `email` as auth.login_failures stores it.
std::string account_hex(const std::string& lower_case_email) {
  return common::crypto::hex_encode(common::crypto::sha256(lower_case_email));
}

}  // namespace

TEST_CASE("register_account stores the user with a bcrypt hash, opens a session and audits it",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto tokens = fx.run(domain::register_account(fx.svc(), "Ada@Example.com", "correct horse battery", test_client));
  REQUIRE(tokens.has_value());
  CHECK(tokens->token_type == "bearer");
  CHECK(tokens->expires_in == 900);
  CHECK(tokens->refresh_token.size() == 43);  // 32 random bytes, base64url

  auto who = fx.principal_of(tokens->access_token);
  CHECK(user_column(fx, "email", who.user_id) == "Ada@Example.com");
  std::string hash = user_column(fx, "password_hash", who.user_id);
  CHECK(hash.rfind("$2b$10$", 0) == 0);
  CHECK(domain::bcrypt_verify("correct horse battery", hash));

  CHECK(fx.sql("SELECT user_id || '|' || encode(refresh_hash, 'hex') || '|' || ip || '|' || user_agent "
               "FROM auth.sessions WHERE id = " + quoted(who.session_id)) ==
        who.user_id + "|" + stored_hash_hex(tokens->refresh_token) + "|203.0.113.7|usecase-test/1.0");
  CHECK(fx.audit_count(who.user_id, "register", "success") == 1);
  CHECK(fx.audit_count("action = 'register' AND ip = '203.0.113.7' AND user_agent = 'usecase-test/1.0'") == 1);
  CHECK(fx.row_count("registration_attempts", "ip = '203.0.113.7'") == 1);
}

TEST_CASE("register_account refuses a taken email case-insensitively and writes no second user",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto first = fx.register_account("grace@example.com", "first password");
  auto again = fx.run(domain::register_account(fx.svc(), "GRACE@Example.COM", "second password", test_client));
  CHECK(failure_of(again).code == errc::email_taken);

  CHECK(fx.row_count("users", "true") == 1);
  CHECK(fx.row_count("sessions", "true") == 1);
  CHECK(domain::bcrypt_verify("first password", user_column(fx, "password_hash", first.who.user_id)));
  CHECK(fx.audit_count(first.who.user_id, "register", "failure") == 1);
  CHECK(fx.audit_count("action = 'register' AND details->>'reason' = 'email_taken'") == 1);
  CHECK(fx.row_count("registration_attempts", "true") == 2);  // refused attempts count towards the limit
}

TEST_CASE("login opens a new session, matches the email case-insensitively and clears its own client's failures",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto wrong = fx.run(domain::login(fx.svc(), "ada@example.com", "difference engine", test_client));
  CHECK(failure_of(wrong).code == errc::invalid_credentials);
  CHECK(fx.row_count("login_failures", "encode(account, 'hex') = " + quoted(account_hex("ada@example.com"))) == 1);

  domain::client_info laptop{"198.51.100.20", "laptop-browser"};
  auto tokens = fx.run(domain::login(fx.svc(), "ADA@example.com", "analytical engine", laptop));
  REQUIRE(tokens.has_value());
  auto who = fx.principal_of(tokens->access_token);
  CHECK(who.user_id == ada.who.user_id);
  CHECK(who.session_id != ada.who.session_id);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id) + " AND revoked_at IS NULL") == 2);
  CHECK(fx.sql("SELECT ip || '|' || user_agent || '|' || encode(refresh_hash, 'hex') FROM auth.sessions WHERE id = " +
               quoted(who.session_id)) ==
        "198.51.100.20|laptop-browser|" + stored_hash_hex(tokens->refresh_token));
  CHECK(fx.row_count("login_failures", "ip = '198.51.100.20'") == 0);
  CHECK(fx.row_count("login_failures", "ip = '203.0.113.7'") == 1);  // issue 13: others' failures stay counted
  CHECK(fx.audit_count(ada.who.user_id, "login_success", "success") == 1);
  CHECK(fx.audit_count("action = 'login_success' AND ip = '198.51.100.20' AND user_agent = 'laptop-browser'") == 1);
}

TEST_CASE("login answers invalid_credentials alike for a wrong password and an unknown email, and counts both",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");

  auto wrong = fx.run(domain::login(fx.svc(), "ada@example.com", "difference engine", test_client));
  auto unknown = fx.run(domain::login(fx.svc(), "nobody@example.com", "analytical engine", test_client));
  auto wrong_failure = failure_of(wrong);
  auto unknown_failure = failure_of(unknown);
  CHECK(wrong_failure.code == errc::invalid_credentials);
  CHECK(unknown_failure.code == errc::invalid_credentials);
  CHECK(wrong_failure.detail == unknown_failure.detail);
  CHECK(wrong_failure.retry_after == 0);

  CHECK(fx.row_count("sessions", "true") == 1);  // only the registration's
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) +
                       " AND action = 'login_failure' AND outcome = 'failure' AND details->>'reason' = 'wrong_password'") == 1);
  CHECK(fx.audit_count("user_id IS NULL AND action = 'login_failure' AND details->>'reason' = 'unknown_email'") == 1);
  CHECK(fx.row_count("login_failures", "encode(account, 'hex') = " + quoted(account_hex("nobody@example.com")) +
                                           " AND ip = '203.0.113.7'") == 1);
  CHECK(fx.row_count("login_failures", "ip = '203.0.113.7'") == 2);
}

TEST_CASE("find_me returns the stored profile, and user_not_found once the account is gone",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("Ada@Example.com", "analytical engine");
  auto me = fx.run(domain::find_me(fx.svc(), ada.who));
  REQUIRE(me.has_value());
  CHECK(me->id == ada.who.user_id);
  CHECK(me->email == "Ada@Example.com");
  CHECK_THAT(me->created_at, Catch::Matches(rfc3339_pattern));
  CHECK(me->created_at == user_column(fx, "auth.rfc3339(created_at)", ada.who.user_id));

  fx.sql("DELETE FROM auth.users WHERE id = " + quoted(ada.who.user_id));
  auto gone = fx.run(domain::find_me(fx.svc(), ada.who));
  CHECK(failure_of(gone).code == errc::user_not_found);
}

TEST_CASE("change_password replaces the hash and ends every other session of the user",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto other_login = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  REQUIRE(other_login.has_value());
  auto other = fx.principal_of(other_login->access_token);
  auto bob = fx.register_account("bob@example.com", "bobs password");

  auto changed = fx.run(domain::change_password(fx.svc(), ada.who, "analytical engine", "new engine 2", test_client));
  REQUIRE(changed.has_value());

  std::string hash = user_column(fx, "password_hash", ada.who.user_id);
  CHECK(domain::bcrypt_verify("new engine 2", hash));
  CHECK_FALSE(domain::bcrypt_verify("analytical engine", hash));
  CHECK(fx.sql("SELECT revoked_at IS NULL FROM auth.sessions WHERE id = " + quoted(ada.who.session_id)) == "t");
  CHECK(fx.sql("SELECT revoked_at IS NULL FROM auth.sessions WHERE id = " + quoted(other.session_id)) == "f");
  CHECK(fx.sql("SELECT revoked_at IS NULL FROM auth.sessions WHERE id = " + quoted(bob.who.session_id)) == "t");
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) +
                       " AND action = 'password_changed' AND outcome = 'success' AND details->>'sessions_ended' = '1'") == 1);

  auto old_password = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  CHECK(failure_of(old_password).code == errc::invalid_credentials);
  CHECK(fx.run(domain::login(fx.svc(), "ada@example.com", "new engine 2", test_client)).has_value());
}

TEST_CASE("change_password with a wrong current password changes nothing and counts a failed login",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto other_login = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  REQUIRE(other_login.has_value());
  std::string hash_before = user_column(fx, "password_hash", ada.who.user_id);

  auto refused = fx.run(domain::change_password(fx.svc(), ada.who, "not my password", "new engine 2", test_client));
  CHECK(failure_of(refused).code == errc::wrong_password);
  CHECK(user_column(fx, "password_hash", ada.who.user_id) == hash_before);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id) + " AND revoked_at IS NULL") == 2);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) +
                       " AND action = 'password_changed' AND outcome = 'failure' AND details->>'reason' = 'wrong_password'") == 1);
  CHECK(fx.audit_count(ada.who.user_id, "password_changed", "success") == 0);
  CHECK(fx.row_count("login_failures", "encode(account, 'hex') = " + quoted(account_hex("ada@example.com"))) == 1);

  fx.sql("DELETE FROM auth.users WHERE id = " + quoted(ada.who.user_id));
  auto gone = fx.run(domain::change_password(fx.svc(), ada.who, "analytical engine", "new engine 2", test_client));
  CHECK(failure_of(gone).code == errc::user_not_found);
}

TEST_CASE("delete_account with a wrong password keeps the account and audits the refusal",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto refused = fx.run(domain::delete_account(fx.svc(), ada.who, "not my password", test_client));
  CHECK(failure_of(refused).code == errc::wrong_password);
  CHECK(fx.row_count("users", "id = " + quoted(ada.who.user_id)) == 1);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id) + " AND revoked_at IS NULL") == 1);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) +
                       " AND action = 'account_deleted' AND outcome = 'failure' AND details->>'reason' = 'wrong_password'") == 1);
}

TEST_CASE("delete_account removes the user with sessions and keys, keeps the audit, and frees the email",
          "[auth][usecase][accounts]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto bob = fx.register_account("bob@example.org", "bobs password");
  fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", "sk-or-v1-ada-0123456789", "api", test_client));
  fx.run(domain::save_key(fx.keys(), bob.who.user_id, "openrouter", "sk-or-v1-bob-0123456789", "api", test_client));

  auto deleted = fx.run(domain::delete_account(fx.svc(), ada.who, "analytical engine", test_client));
  REQUIRE(deleted.has_value());
  CHECK(fx.row_count("users", "id = " + quoted(ada.who.user_id)) == 0);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id)) == 0);
  CHECK(fx.row_count("provider_keys", "user_id = " + quoted(ada.who.user_id)) == 0);
  CHECK(fx.row_count("provider_keys", "user_id = " + quoted(bob.who.user_id)) == 1);
  CHECK(fx.audit_count(ada.who.user_id, "register", "success") == 1);
  CHECK(fx.audit_count(ada.who.user_id, "key_saved", "success") == 1);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) +
                       " AND action = 'account_deleted' AND outcome = 'success' AND details->>'email_domain' = 'example.com'") == 1);

  auto token = fx.run(domain::authenticate(fx.svc(), ada.access_token));
  CHECK(failure_of(token).code == errc::user_not_found);
  auto again = fx.run(domain::delete_account(fx.svc(), ada.who, "analytical engine", test_client));
  CHECK(failure_of(again).code == errc::user_not_found);
  auto login = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  CHECK(failure_of(login).code == errc::invalid_credentials);
  auto fresh = fx.run(domain::register_account(fx.svc(), "ada@example.com", "a new start", test_client));
  CHECK(fresh.has_value());
}
