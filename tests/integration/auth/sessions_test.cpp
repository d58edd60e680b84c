// Sessions over the real auth-service: refresh rotation, reuse detection, the two-tab grace, logout,
// listing and revoking sessions; revocation takes effect on access tokens immediately.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {
std::string refresh_body(const std::string& token) { return json::serialize(json::object{{"refresh_token", token}}); }

auth_test::tokens refreshed(auth_fixture& fx, const std::string& token) {
  auto r = fx.call("POST", "/api/auth/refresh", refresh_body(token));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return {field(json_of(r), "access_token"), field(json_of(r), "refresh_token")};
}

std::string count(const auth_fixture& fx, const std::string& where) {
  return fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE " + where);
}
}  // namespace

TEST_CASE("refresh rotates the token, and the two-tab repeat within the grace gets the same new token",
          "[auth][sessions]") {
  auth_fixture fx;
  auto t0 = fx.register_user("tabs@example.com", "two tabs open");
  auto t1 = refreshed(fx, t0.refresh);
  CHECK(t1.refresh != t0.refresh);
  CHECK(t1.access != t0.access);
  CHECK(fx.call("GET", "/api/auth/me", "", t1.access).status == 200);

  auto t1b = refreshed(fx, t0.refresh);  // second tab, same old token, within 10 s
  CHECK(t1b.refresh == t1.refresh);
  CHECK(fx.call("GET", "/api/auth/me", "", t1b.access).status == 200);
  CHECK(fx.call("GET", "/api/auth/me", "", t1.access).status == 200);  // nobody was logged out

  auto t2 = refreshed(fx, t1.refresh);  // the shared token keeps working
  CHECK(fx.call("GET", "/api/auth/me", "", t2.access).status == 200);

  SECTION("a token two rotations old is reuse: the whole session is revoked") {
    auto reuse = fx.call("POST", "/api/auth/refresh", refresh_body(t0.refresh));
    CHECK(reuse.status == 401);
    CHECK(fx.call("GET", "/api/auth/me", "", t2.access).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(t2.refresh)).status == 401);
    CHECK(count(fx, "action = 'refresh_reuse_detected' AND outcome = 'failure'") == "1\n");
  }
  SECTION("unknown and malformed refresh tokens are 401 or 422") {
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body("not-a-token")).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(std::string(500, 'a'))).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", R"({"refresh_token": 5})").status == 422);
    CHECK(fx.call("POST", "/api/auth/refresh", "nonsense").status == 400);
    CHECK(fx.call("GET", "/api/auth/me", "", t2.access).status == 200);
  }
}

TEST_CASE("two tabs refreshing the same token at the same moment both stay signed in", "[auth][sessions]") {
  auth_fixture fx;
  auto t0 = fx.register_user("race@example.com", "racing tabs");
  auto answers = fx.post_concurrently("/api/auth/refresh", refresh_body(t0.refresh), 2);
  REQUIRE(answers.size() == 2);
  REQUIRE(answers[0].status == 200);
  REQUIRE(answers[1].status == 200);
  std::string first = field(json_of(answers[0]), "refresh_token");
  CHECK(first == field(json_of(answers[1]), "refresh_token"));
  for (auto& a : answers) CHECK(fx.call("GET", "/api/auth/me", "", field(json_of(a), "access_token")).status == 200);
  CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(first)).status == 200);
  CHECK(count(fx, "action = 'refresh_reuse_detected'") == "0\n");
}

TEST_CASE("without a grace, presenting a rotated token revokes the session", "[auth][sessions]") {
  auth_fixture fx(auth_test::env{{"REFRESH_REUSE_GRACE", "0"}});
  auto t0 = fx.register_user("reuse@example.com", "reuse detection");
  auto t1 = refreshed(fx, t0.refresh);
  auto reuse = fx.call("POST", "/api/auth/refresh", refresh_body(t0.refresh));
  CHECK(reuse.status == 401);
  CHECK(detail_of(reuse) == "Invalid or expired refresh token");
  CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(t1.refresh)).status == 401);
  CHECK(fx.call("GET", "/api/auth/me", "", t1.access).status == 401);
  CHECK(count(fx, "action = 'refresh_reuse_detected'") == "1\n");
  CHECK(fx.call("POST", "/api/auth/login",
                json::serialize(json::object{{"email", "reuse@example.com"}, {"password", "reuse detection"}}))
            .status == 200);
}

TEST_CASE("logout ends the session: refresh and access tokens stop working", "[auth][sessions]") {
  auth_fixture fx;
  auto t = fx.register_user("bye@example.com", "see you later");
  auto other = fx.login("bye@example.com", "see you later");
  auto out = fx.call("POST", "/api/auth/logout", refresh_body(t.refresh));
  REQUIRE(out.status == 200);
  CHECK(field(json_of(out), "status") == "ok");
  CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(t.refresh)).status == 401);
  CHECK(fx.call("GET", "/api/auth/me", "", t.access).status == 401);
  CHECK(fx.call("POST", "/api/auth/logout", refresh_body(t.refresh)).status == 401);
  CHECK(fx.call("GET", "/api/auth/me", "", other.access).status == 200);
  CHECK(count(fx, "action = 'logout' AND outcome = 'success'") == "1\n");
}

TEST_CASE("sessions are listed with the current one marked, and can be revoked", "[auth][sessions]") {
  auth_fixture fx;
  auto a = fx.register_user("many@example.com", "many sessions");
  auto b_resp = fx.call("POST", "/api/auth/login",
                        json::serialize(json::object{{"email", "many@example.com"}, {"password", "many sessions"}}), "",
                        {{"user-agent", "second-browser/1.0"}, {"x-forwarded-for", "203.0.113.9"}});
  REQUIRE(b_resp.status == 200);
  std::string b_access = field(json_of(b_resp), "access_token");

  auto list = fx.call("GET", "/api/auth/sessions", "", a.access);
  REQUIRE(list.status == 200);
  auto sessions = json_of(list).as_array();
  REQUIRE(sessions.size() == 2);
  std::string other_id;
  int current = 0;
  for (auto& s : sessions) {
    CHECK(s.as_object().contains("created_at"));
    CHECK(s.as_object().contains("last_used_at"));
    if (s.at("current").as_bool()) {
      ++current;
    } else {
      other_id = field(s, "id");
      CHECK(field(s, "user_agent") == "second-browser/1.0");
      CHECK(field(s, "ip") == "203.0.113.9");
    }
  }
  CHECK(current == 1);

  CHECK(fx.call("DELETE", "/api/auth/sessions/not-a-uuid", "", a.access).status == 404);
  CHECK(fx.call("DELETE", "/api/auth/sessions/00000000-0000-4000-8000-000000000000", "", a.access).status == 404);
  auto other_user = fx.register_user("else@example.com", "someone else");
  CHECK(fx.call("DELETE", "/api/auth/sessions/" + other_id, "", other_user.access).status == 404);

  auto revoked = fx.call("DELETE", "/api/auth/sessions/" + other_id, "", a.access);
  REQUIRE(revoked.status == 200);
  CHECK(field(json_of(revoked), "status") == "ok");
  CHECK(fx.call("GET", "/api/auth/me", "", b_access).status == 401);
  CHECK(json_of(fx.call("GET", "/api/auth/sessions", "", a.access)).as_array().size() == 1);
  CHECK(fx.call("DELETE", "/api/auth/sessions/" + other_id, "", a.access).status == 404);
  CHECK(fx.call("GET", "/api/auth/sessions").status == 401);
}
