// Password reset without e-mail over the real auth-service: `auth-service reset-password EMAIL` prints the link,
// POST /api/auth/password-reset sets the password and ends every session; unknown, used and expired tokens are 400.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::json_of;
namespace json = boost::json;

namespace {

constexpr const char* link_prefix = "https://council.example/app/#/reset?token=";

std::string sql(auth_fixture& fx, const std::string& query) {
  std::string out = fx.database().psql(query);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

/// The token of the link `auth-service reset-password <email>` prints (its only output line).
std::string reset_token(auth_fixture& fx, const std::string& email) {
  auto [status, out] = fx.run_cli({"reset-password", email});
  INFO(out);
  REQUIRE(status == 0);
  REQUIRE(out.rfind(link_prefix, 0) == 0);
  REQUIRE(out.back() == '\n');
  return out.substr(std::string(link_prefix).size(), out.size() - std::string(link_prefix).size() - 1);
}

std::string reset_body(std::string_view token, std::string_view password) {
  return json::serialize(json::object{{"token", token}, {"new_password", password}});
}

std::string refresh_body(const std::string& refresh) {
  return json::serialize(json::object{{"refresh_token", refresh}});
}

std::string creds(std::string_view email, std::string_view password) {
  return json::serialize(json::object{{"email", email}, {"password", password}});
}

}  // namespace

TEST_CASE("reset-password prints a single-use link; the reset sets the password and ends every session",
          "[auth][password-reset]") {
  auth_fixture fx(auth_test::env{{"APP_URL", "https://council.example/app"}});
  auto phone = fx.register_user("ada@example.com", "forgotten password");
  auto laptop = fx.login("ada@example.com", "forgotten password");
  std::string token = reset_token(fx, "ADA@example.com");
  CHECK(token.size() == 43);
  CHECK(sql(fx, "SELECT count(*) FROM auth.password_resets WHERE token_hash = sha256(convert_to('" + token +
                "', 'UTF8')) AND used_at IS NULL") == "1");  // stored only as SHA-256
  CHECK(sql(fx, "SELECT user_agent FROM auth.audit_events WHERE action = 'password_reset_issued'") ==
        "auth-service reset-password");
  std::string sibling = reset_token(fx, "ada@example.com");

  auto short_password = fx.call("POST", "/api/auth/password-reset", reset_body(token, "short"));
  CHECK(short_password.status == 422);
  CHECK(detail_of(short_password) == "new_password: must be at least 8 characters");
  auto no_token = fx.call("POST", "/api/auth/password-reset", json::serialize(json::object{{"new_password", "x"}}));
  CHECK(no_token.status == 422);
  CHECK(detail_of(no_token) == "token: field required");
  CHECK(fx.call("POST", "/api/auth/password-reset", "{\"token\": ").status == 400);
  for (std::string unknown : {std::string("no-such-token"), std::string(""), std::string(200, 'x')}) {
    auto r = fx.call("POST", "/api/auth/password-reset", reset_body(unknown, "brand new password"));
    CHECK(r.status == 400);
    CHECK(detail_of(r) == "This reset link is not valid.");
  }
  CHECK(sql(fx, "SELECT count(*) FROM auth.password_resets WHERE used_at IS NOT NULL") == "0");

  auto done = fx.call("POST", "/api/auth/password-reset", reset_body(token, "brand new password"));
  REQUIRE(done.status == 200);
  CHECK(json_of(done) == json::value(json::object{{"status", "password reset"}}));
  for (const auto& session : {phone, laptop}) {
    CHECK(fx.call("GET", "/api/auth/me", "", session.access).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(session.refresh)).status == 401);
  }
  CHECK(fx.call("POST", "/api/auth/login", creds("ada@example.com", "forgotten password")).status == 401);
  fx.login("ada@example.com", "brand new password");
  CHECK(sql(fx, "SELECT details->>'sessions_ended' FROM auth.audit_events WHERE action = 'password_reset' AND "
                "outcome = 'success'") == "2");

  auto again = fx.call("POST", "/api/auth/password-reset", reset_body(token, "another new password"));
  CHECK(again.status == 400);
  CHECK(detail_of(again) == "This reset link has already been used.");
  auto other_link = fx.call("POST", "/api/auth/password-reset", reset_body(sibling, "another new password"));
  CHECK(other_link.status == 400);  // a reset uses up every link issued before it
  CHECK(detail_of(other_link) == "This reset link has already been used.");
  fx.login("ada@example.com", "brand new password");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'password_reset' AND outcome = 'failure' "
                "AND details->>'reason' = 'used'") == "2");
}

TEST_CASE("a reset link expires after 30 minutes; reset-password refuses unknown and malformed emails",
          "[auth][password-reset][cli]") {
  auth_fixture fx(auth_test::env{{"APP_URL", "https://council.example/app"}});
  fx.register_user("ada@example.com", "forgotten password");
  std::string token = reset_token(fx, "ada@example.com");
  CHECK(sql(fx, "SELECT count(*) FROM auth.password_resets WHERE expires_at BETWEEN now() + interval '29 minutes' "
                "AND now() + interval '30 minutes'") == "1");
  fx.database().psql("UPDATE auth.password_resets SET created_at = created_at - interval '31 minutes', "
                     "expires_at = expires_at - interval '31 minutes'");
  auto expired = fx.call("POST", "/api/auth/password-reset", reset_body(token, "brand new password"));
  CHECK(expired.status == 400);
  CHECK(detail_of(expired) == "This reset link has expired.");
  fx.login("ada@example.com", "forgotten password");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'password_reset' AND outcome = 'failure' "
                "AND details->>'reason' = 'expired'") == "1");

  auto [unknown_status, unknown_out] = fx.run_cli({"reset-password", "nobody@example.com"});
  CHECK(unknown_status == 1);
  CHECK(unknown_out == "auth-service: no user with email nobody@example.com\n");
  auto [bad_status, bad_out] = fx.run_cli({"reset-password", "nobody"});
  CHECK(bad_status == 2);
  auto [usage_status, usage_out] = fx.run_cli({"reset-password"});
  CHECK(usage_status == 2);
  CHECK(sql(fx, "SELECT count(*) FROM auth.password_resets") == "1");
}
