// Who may register, over the real auth-service: GET /api/auth/config, REGISTRATION_MODE open, closed and invite
// (every refusal of an invite code), invites from `auth-service invite create`, and bad settings at start-up.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

std::string registration(std::string_view email, std::string_view password, json::value invite_code) {
  return json::serialize(json::object{{"email", email}, {"password", password}, {"invite_code", invite_code}});
}

/// A registration body with the password "invited password" and `code`.
std::string invited(std::string_view email, std::string_view code) {
  return registration(email, "invited password", json::string(code));
}

std::string mode_of(auth_fixture& fx) {
  auto r = fx.call("GET", "/api/auth/config");
  REQUIRE(r.status == 200);
  return field(json_of(r), "registration");
}

/// A new invite code from `auth-service invite create <options...>` (its only output line).
std::string invite_code(auth_fixture& fx, std::vector<std::string> options = {}) {
  options.insert(options.begin(), {"invite", "create"});
  auto [status, out] = fx.run_cli(options);
  INFO(out);
  REQUIRE(status == 0);
  REQUIRE(out.size() == 21);  // 20 base64url characters and a newline
  return out.substr(0, 20);
}

std::string sql(auth_fixture& fx, const std::string& query) {
  std::string out = fx.database().psql(query);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("REGISTRATION_MODE open (default) and closed; GET /api/auth/config tells the browser which",
          "[auth][registration]") {
  auth_fixture fx;
  CHECK(mode_of(fx) == "open");
  CHECK(fx.call("POST", "/api/auth/register", registration("open@example.com", "open password", "ignored")).status ==
        200);
  auto not_string = fx.call("POST", "/api/auth/register", registration("typed@example.com", "open password", 7));
  CHECK(not_string.status == 422);
  CHECK(detail_of(not_string) == "invite_code: must be a string");

  fx.restart({{"REGISTRATION_MODE", "closed"}});
  CHECK(mode_of(fx) == "closed");
  std::string code = invite_code(fx);
  auto closed = fx.call("POST", "/api/auth/register", invited("late@example.com", code));
  CHECK(closed.status == 403);
  CHECK(detail_of(closed) == "Registration is closed.");
  CHECK(sql(fx, "SELECT count(*) FROM auth.users WHERE email = 'late@example.com'") == "0");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'register' AND outcome = 'failure' "
                "AND details->>'reason' = 'registration_closed'") == "1");
  CHECK(sql(fx, "SELECT uses_left FROM auth.invites") == "1");
  CHECK(fx.login("open@example.com", "open password").access.size() > 0);  // signing in still works
}

TEST_CASE("REGISTRATION_MODE invite: missing, wrong, used-up and expired codes are 403; a use is taken only "
          "with the account", "[auth][registration]") {
  auth_fixture fx(auth_test::env{{"REGISTRATION_MODE", "invite"}});
  CHECK(mode_of(fx) == "invite");
  std::string two_uses = invite_code(fx, {"--uses", "2", "--expires-in", "12h"});
  CHECK(sql(fx, "SELECT uses || '|' || uses_left || '|' || (created_by IS NULL) || '|' || "
                "(expires_at BETWEEN now() + interval '719 minutes' AND now() + interval '721 minutes') "
                "FROM auth.invites") == "2|2|true|true");
  CHECK(sql(fx, "SELECT count(*) FROM auth.invites WHERE code_hash = sha256(convert_to(" + std::string("'") +
                two_uses + "', 'UTF8'))") == "1");  // stored only as SHA-256

  auto missing = fx.call("POST", "/api/auth/register", registration("a@example.com", "invited password", nullptr));
  CHECK(missing.status == 403);
  CHECK(detail_of(missing) == "An invite code is required to register.");
  auto blank = fx.call("POST", "/api/auth/register", registration("a@example.com", "invited password", "  "));
  CHECK(blank.status == 403);
  CHECK(detail_of(blank) == "An invite code is required to register.");
  auto wrong = fx.call("POST", "/api/auth/register", registration("a@example.com", "invited password", "not-a-code"));
  CHECK(wrong.status == 403);
  CHECK(detail_of(wrong) == "This invite code is not valid.");

  CHECK(fx.call("POST", "/api/auth/register", invited("a@example.com", " " + two_uses + " ")).status == 200);
  auto taken = fx.call("POST", "/api/auth/register", invited("A@example.com", two_uses));
  CHECK(taken.status == 400);
  CHECK(detail_of(taken) == "Email already registered");
  CHECK(sql(fx, "SELECT uses_left FROM auth.invites") == "1");  // the refused registration took no use
  CHECK(fx.call("POST", "/api/auth/register", invited("b@example.com", two_uses)).status == 200);
  auto used_up = fx.call("POST", "/api/auth/register", invited("c@example.com", two_uses));
  CHECK(used_up.status == 403);
  CHECK(detail_of(used_up) == "This invite code has been used up.");
  CHECK(sql(fx, "SELECT uses_left FROM auth.invites") == "0");

  std::string aged = invite_code(fx);
  fx.database().psql("UPDATE auth.invites SET expires_at = now() - interval '1 second' WHERE uses = 1");
  auto expired = fx.call("POST", "/api/auth/register", invited("c@example.com", aged));
  CHECK(expired.status == 403);
  CHECK(detail_of(expired) == "This invite code has expired.");

  CHECK(sql(fx, "SELECT count(*) FROM auth.users") == "2");
  CHECK(sql(fx, "SELECT string_agg(details->>'reason', ',' ORDER BY id) FROM auth.audit_events "
                "WHERE action = 'register' AND outcome = 'failure'") ==
        "invite_missing,invite_missing,invite_unknown,email_taken,invite_used_up,invite_expired");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'register' AND outcome = 'success' "
                "AND details ? 'invite_id'") == "2");
}

TEST_CASE("invite create refuses bad options; bad REGISTRATION_MODE or APP_URL stop start-up naming the variable",
          "[auth][registration][cli]") {
  auth_fixture fx;
  for (std::vector<std::string> bad : std::vector<std::vector<std::string>>{
           {"invite"}, {"invite", "make"}, {"invite", "create", "--uses", "0"}, {"invite", "create", "--uses", "1001"},
           {"invite", "create", "--uses"}, {"invite", "create", "--expires-in", "7w"},
           {"invite", "create", "--expires-in", "366d"}, {"invite", "create", "--expires-in", "d"},
           {"invite", "create", "--colour", "blue"}}) {
    auto [status, out] = fx.run_cli(bad);
    INFO(out);
    CHECK(status == 2);
    CHECK(out.rfind("auth-service: ", 0) == 0);
  }
  CHECK(fx.database().psql("SELECT count(*) FROM auth.invites") == "0\n");
  CHECK(invite_code(fx, {"--expires-in", "30m"}).size() == 20);

  auto [mode_status, mode_out] = fx.run_cli({"serve"}, {{"REGISTRATION_MODE", "sometimes"}});
  CHECK(mode_status == 2);
  CHECK(mode_out.rfind("auth-service: REGISTRATION_MODE: must be open, invite or closed", 0) == 0);
  auto [url_status, url_out] = fx.run_cli({"serve"}, {{"APP_URL", "council.example"}});
  CHECK(url_status == 2);
  CHECK(url_out.rfind("auth-service: APP_URL", 0) == 0);
}
