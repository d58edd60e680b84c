// Accounts over the real auth-service: register, login, me, password change, account deletion, JWKS,
// validation errors, email case-insensitivity.
#include "auth_fixture.hpp"
#include "common/core/time.hpp"
#include "common/crypto/jwt.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {
std::string creds(std::string_view email, std::string_view password) {
  return json::serialize(json::object{{"email", email}, {"password", password}});
}
}  // namespace

TEST_CASE("register, login and me; errors of register and login", "[auth][accounts]") {
  auth_fixture fx;
  auto reg = fx.call("POST", "/api/auth/register", creds("  Carol@Example.com ", "correct horse"));
  REQUIRE(reg.status == 200);
  auto body = json_of(reg);
  CHECK(field(body, "token_type") == "bearer");
  CHECK(body.at("expires_in").as_int64() == 900);
  std::string access(body.at("access_token").as_string());
  CHECK(body.at("refresh_token").as_string().size() == 43);

  auto me = fx.call("GET", "/api/auth/me", "", access);
  REQUIRE(me.status == 200);
  auto who = json_of(me);
  CHECK(field(who, "email") == "Carol@Example.com");
  CHECK(who.at("id").as_string().size() == 36);
  CHECK(who.at("created_at").as_string().back() == 'Z');

  SECTION("emails are one account whatever their case") {
    auto again = fx.call("POST", "/api/auth/register", creds("carol@example.COM", "another password"));
    CHECK(again.status == 400);
    CHECK(detail_of(again) == "Email already registered");
    CHECK(fx.call("POST", "/api/auth/login", creds("CAROL@example.com", "correct horse")).status == 200);
    CHECK(fx.call("POST", "/api/auth/login", creds(" carol@example.com", "correct horse")).status == 200);
  }
  SECTION("unknown email and wrong password get the same 401") {
    auto wrong = fx.call("POST", "/api/auth/login", creds("carol@example.com", "wrong horse!"));
    auto unknown = fx.call("POST", "/api/auth/login", creds("nobody@example.com", "correct horse"));
    CHECK(wrong.status == 401);
    CHECK(unknown.status == 401);
    CHECK(detail_of(wrong) == "Invalid email or password");
    CHECK(detail_of(unknown) == detail_of(wrong));
  }
  SECTION("validation errors are 422 naming the field; malformed JSON is 400") {
    auto short_pw = fx.call("POST", "/api/auth/register", creds("dave@example.com", "1234567"));
    CHECK(short_pw.status == 422);
    CHECK(detail_of(short_pw) == "password: must be at least 8 characters");
    auto long_pw = fx.call("POST", "/api/auth/register", creds("dave@example.com", std::string(73, 'x')));
    CHECK(long_pw.status == 422);
    CHECK(detail_of(long_pw) == "password: must be at most 72 bytes");
    CHECK(fx.call("POST", "/api/auth/register", creds("dave@example.com", std::string(72, 'x'))).status == 200);
    auto bad_email = fx.call("POST", "/api/auth/register", creds("not-an-email", "long enough"));
    CHECK(bad_email.status == 422);
    CHECK(detail_of(bad_email).rfind("email: ", 0) == 0);
    auto missing = fx.call("POST", "/api/auth/register", R"({"email": "erin@example.com"})");
    CHECK(missing.status == 422);
    CHECK(detail_of(missing) == "password: field required");
    auto wrong_type = fx.call("POST", "/api/auth/login", R"({"email": 42, "password": "x"})");
    CHECK(wrong_type.status == 422);
    CHECK(detail_of(wrong_type) == "email: must be a string");
    auto malformed = fx.call("POST", "/api/auth/login", "{\"email\": ");
    CHECK(malformed.status == 400);
    CHECK(detail_of(malformed) == "Malformed JSON body");
  }
  SECTION("missing, malformed and foreign tokens are 401 with WWW-Authenticate") {
    auto none = fx.call("GET", "/api/auth/me");
    CHECK(none.status == 401);
    CHECK(detail_of(none) == "Not authenticated");
    CHECK(none.header("www-authenticate") == "Bearer");
    auto junk = fx.call("GET", "/api/auth/me", "", "junk.token.here");
    CHECK(junk.status == 401);
    CHECK(detail_of(junk) == "Invalid or expired token");
    CHECK(junk.header("www-authenticate") == "Bearer");
    auto forged = common::jwt::sign(common::crypto::ed25519_private_key::generate(), "whatever",
                                    json::object{{"sub", "x"}, {"exp", 9999999999LL}});
    CHECK(fx.call("GET", "/api/auth/me", "", forged).status == 401);
  }
  SECTION("unknown paths are 404, wrong methods 405") {
    CHECK(fx.call("GET", "/api/auth/nothing").status == 404);
    CHECK(fx.call("GET", "/api/auth/login").status == 405);
  }
}

TEST_CASE("the JWKS publishes the signing key and access tokens verify against it", "[auth][accounts]") {
  auth_fixture fx;
  auto t = fx.register_user("jwks@example.com", "password-1");
  auto r = fx.call("GET", "/.well-known/jwks.json");
  REQUIRE(r.status == 200);
  auto keys = common::jwt::parse_jwks(r.body);
  REQUIRE(keys);
  REQUIRE(keys->size() == 1);
  common::jwt::expectations want{"council-auth", "council", common::unix_seconds(), 30};
  auto claims = common::jwt::verify(t.access, *keys, want);
  REQUIRE(claims.has_value());
  auto me = json_of(fx.call("GET", "/api/auth/me", "", t.access));
  CHECK(field(me, "id") == claims->sub);
  CHECK(claims->exp - claims->iat == 900);
}

TEST_CASE("password change needs the current password and ends every other session", "[auth][accounts]") {
  auth_fixture fx;
  auto first = fx.register_user("pat@example.com", "old password");
  auto second = fx.login("pat@example.com", "old password");

  auto wrong = fx.call("POST", "/api/auth/password",
                       json::serialize(json::object{{"current_password", "not it!!"}, {"new_password", "new password"}}),
                       first.access);
  CHECK(wrong.status == 401);
  CHECK(detail_of(wrong) == "Current password is incorrect");
  auto weak = fx.call("POST", "/api/auth/password",
                      json::serialize(json::object{{"current_password", "old password"}, {"new_password", "short"}}),
                      first.access);
  CHECK(weak.status == 422);
  CHECK(detail_of(weak) == "new_password: must be at least 8 characters");

  auto ok = fx.call("POST", "/api/auth/password",
                    json::serialize(json::object{{"current_password", "old password"}, {"new_password", "new password"}}),
                    first.access);
  REQUIRE(ok.status == 200);
  CHECK(field(json_of(ok), "status") == "ok");
  CHECK(fx.call("GET", "/api/auth/me", "", first.access).status == 200);   // this session continues
  CHECK(fx.call("GET", "/api/auth/me", "", second.access).status == 401);  // the other one ended now
  CHECK(fx.call("POST", "/api/auth/refresh", json::serialize(json::object{{"refresh_token", second.refresh}})).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", creds("pat@example.com", "old password")).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", creds("pat@example.com", "new password")).status == 200);
}

TEST_CASE("account deletion needs the password, removes user, sessions and keys, keeps the audit", "[auth][accounts]") {
  auth_fixture fx;
  auto t = fx.register_user("gone@example.com", "delete me please");
  fx.save_key(t.access, "sk-or-v1-delete-me-0001");
  std::string user_id(json_of(fx.call("GET", "/api/auth/me", "", t.access)).at("id").as_string());

  auto wrong = fx.call("DELETE", "/api/auth/account", R"({"password": "not the password"})", t.access);
  CHECK(wrong.status == 401);
  CHECK(fx.call("DELETE", "/api/auth/account", R"({})", t.access).status == 422);
  auto ok = fx.call("DELETE", "/api/auth/account", R"({"password": "delete me please"})", t.access);
  REQUIRE(ok.status == 200);
  CHECK(field(json_of(ok), "status") == "ok");

  CHECK(fx.call("GET", "/api/auth/me", "", t.access).status == 404);
  CHECK(detail_of(fx.call("GET", "/api/auth/me", "", t.access)) == "User not found");
  CHECK(fx.call("GET", "/api/settings/api-keys", "", t.access).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", creds("gone@example.com", "delete me please")).status == 401);
  const auto& db = fx.database();
  CHECK(db.psql("SELECT count(*) FROM auth.users") == "0\n");
  CHECK(db.psql("SELECT count(*) FROM auth.sessions") == "0\n");
  CHECK(db.psql("SELECT count(*) FROM auth.provider_keys") == "0\n");
  CHECK(db.psql("SELECT count(*) FROM auth.audit_events WHERE user_id = '" + user_id +
                "' AND outcome = 'success' AND action IN ('register','key_saved','account_deleted')") == "3\n");
  // The same email can register again as a new account.
  CHECK(fx.call("POST", "/api/auth/register", creds("gone@example.com", "a new start")).status == 200);
}
