// Revocation reaches the council (docs/architecture.md, "Revocation reaches the council"): after logout, session
// revocation, password change or reset, admin disable, refresh-token reuse and account deletion the old access
// token is refused by the council within 2 s, while other tokens keep working; the feed resumes after the auth
// service restarts (including what was revoked while it was down); a silent feed fails closed with 503, then
// recovers.
#include "integration/council/council_fixture.hpp"
#include "support/prometheus_text.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <thread>

using namespace council_test;
namespace json = boost::json;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

const std::string password = "correct horse battery";
const std::string stale_detail =
    "Your sign-in cannot be checked right now because the auth service is not answering; try again shortly";

std::string sql(const council_fixture& stack, const std::string& query) {
  std::string out = stack.auth.database().psql(query);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

/// Polls GET /api/conversations with `token` until it answers `want` or `limit` has passed; the last status.
int status_within(council_fixture& stack, const std::string& token, int want, clock_type::duration limit) {
  auto deadline = clock_type::now() + limit;
  int status = 0;
  for (;;) {
    status = stack.call("GET", "/api/conversations", "", token).status;
    if (status == want || clock_type::now() >= deadline) return status;
    std::this_thread::sleep_for(50ms);
  }
}

/// The council refuses `token` within 2 s of now, for listing and for deleting `conversation`, which survives.
void expect_refused_soon(council_fixture& stack, const std::string& token, const std::string& conversation,
                         bool conversation_survives = true) {
  int status = status_within(stack, token, 401, 2s);
  INFO(stack.log());
  CHECK(status == 401);
  auto deleted = stack.call("DELETE", "/api/conversations/" + conversation, "", token);
  CHECK(deleted.status == 401);
  CHECK(detail_of(deleted) == "Invalid or expired token");
  if (conversation_survives)
    CHECK(sql(stack, "SELECT count(*) FROM council.conversations WHERE id = '" + conversation + "'") == "1");
}

/// The id of the session of `email` other than the caller's, from GET /api/auth/sessions.
std::string other_session(council_fixture& stack, const std::string& access) {
  auto r = stack.auth.call("GET", "/api/auth/sessions", "", access);
  REQUIRE(r.status == 200);
  json::value sessions = json_of(r);
  for (const auto& s : sessions.as_array())
    if (!s.at("current").as_bool()) return field(s, "id");
  FAIL("no other session");
  return {};
}

std::string body(const json::object& fields) { return json::serialize(fields); }

/// A user signed in twice (sessions `first` and `second`), with a conversation, and a bystander.
struct two_sessions {
  council_fixture stack;
  std::string email;
  auth_test::tokens first;
  auth_test::tokens second;
  std::string conversation;
  std::string bystander;

  explicit two_sessions(const std::string& who, overrides env = {})
      : stack(std::move(env)),
        email(who + "@example.com"),
        first(stack.auth.register_user(email, password)),
        second(stack.auth.login(email, password)),
        conversation(stack.create_conversation(first.access)),
        bystander(stack.user("bystander-" + who + "@example.com", "")) {
    // Both tokens are in the council's verified-token cache before anything is revoked.
    REQUIRE(stack.call("GET", "/api/conversations", "", first.access).status == 200);
    REQUIRE(stack.call("GET", "/api/conversations", "", second.access).status == 200);
  }

  /// Logs `session` out at the auth service (expects 200).
  void logout(const auth_test::tokens& session) {
    auto out = stack.auth.call("POST", "/api/auth/logout", body(json::object{{"refresh_token", session.refresh}}));
    REQUIRE(out.status == 200);
  }

  /// The bystander and (when `first_kept`) the first session still work.
  void expect_others_unaffected(bool first_kept) {
    CHECK(stack.call("GET", "/api/conversations", "", bystander).status == 200);
    if (first_kept) CHECK(stack.call("GET", "/api/conversations", "", first.access).status == 200);
  }
};

}  // namespace

TEST_CASE("after logout the council refuses the session's access token within 2 s", "[council][revocation]") {
  two_sessions s("logout");
  s.logout(s.second);
  expect_refused_soon(s.stack, s.second.access, s.conversation);
  s.expect_others_unaffected(true);
}

TEST_CASE("after DELETE /api/auth/sessions/{id} the council refuses that session's token within 2 s",
          "[council][revocation]") {
  two_sessions s("revoke");
  std::string second_id = other_session(s.stack, s.first.access);
  REQUIRE(s.stack.auth.call("DELETE", "/api/auth/sessions/" + second_id, "", s.first.access).status == 200);
  expect_refused_soon(s.stack, s.second.access, s.conversation);
  s.expect_others_unaffected(true);
}

TEST_CASE("after a password change the council refuses the other sessions' tokens within 2 s, not the changer's",
          "[council][revocation]") {
  two_sessions s("password");
  auto changed = s.stack.auth.call(
      "POST", "/api/auth/password", body(json::object{{"current_password", password}, {"new_password", "a new long password"}}),
      s.first.access);
  REQUIRE(changed.status == 200);
  expect_refused_soon(s.stack, s.second.access, s.conversation);
  s.expect_others_unaffected(true);
}

TEST_CASE("after a password reset the council refuses every session's token within 2 s", "[council][revocation]") {
  two_sessions s("reset");
  auto [status, link] = s.stack.auth.run_cli({"reset-password", s.email});
  REQUIRE(status == 0);
  std::string token = link.substr(link.find("token=") + 6);
  while (!token.empty() && token.back() == '\n') token.pop_back();
  auto reset = s.stack.auth.call("POST", "/api/auth/password-reset",
                                 body(json::object{{"token", token}, {"new_password", "a brand new password"}}));
  REQUIRE(reset.status == 200);
  expect_refused_soon(s.stack, s.first.access, s.conversation);
  expect_refused_soon(s.stack, s.second.access, s.conversation);
  s.expect_others_unaffected(false);
}

TEST_CASE("after an admin disables an account the council refuses its tokens within 2 s", "[council][revocation]") {
  two_sessions s("disabled");
  s.stack.auth.register_user("admin@example.com", password);
  auto [status, out] = s.stack.auth.run_cli({"admin", "grant", "admin@example.com"});
  INFO(out);
  REQUIRE(status == 0);
  auto admin = s.stack.auth.login("admin@example.com", password);
  std::string user_id = field(json_of(s.stack.auth.call("GET", "/api/auth/me", "", s.first.access)), "id");
  REQUIRE(s.stack.auth.call("POST", "/api/admin/users/" + user_id + "/disable", "", admin.access).status == 200);
  expect_refused_soon(s.stack, s.first.access, s.conversation);
  expect_refused_soon(s.stack, s.second.access, s.conversation);
  s.expect_others_unaffected(false);
  CHECK(s.stack.call("GET", "/api/conversations", "", admin.access).status == 200);
}

TEST_CASE("after refresh-token reuse revokes a session the council refuses its token within 2 s",
          "[council][revocation]") {
  two_sessions s("reuse");
  auto rotated = s.stack.auth.call("POST", "/api/auth/refresh", body(json::object{{"refresh_token", s.second.refresh}}));
  REQUIRE(rotated.status == 200);
  auto again = s.stack.auth.call("POST", "/api/auth/refresh", body(json::object{{"refresh_token", field(json_of(rotated), "refresh_token")}}));
  REQUIRE(again.status == 200);
  // The first refresh token, two rotations old: reuse, the whole session ends.
  REQUIRE(s.stack.auth.call("POST", "/api/auth/refresh", body(json::object{{"refresh_token", s.second.refresh}})).status == 401);
  expect_refused_soon(s.stack, field(json_of(again), "access_token"), s.conversation);
  s.expect_others_unaffected(true);
}

TEST_CASE("after account deletion the council refuses the account's tokens within 2 s", "[council][revocation]") {
  two_sessions s("deleted");
  auto gone = s.stack.auth.call("DELETE", "/api/auth/account", body(json::object{{"password", password}}), s.first.access);
  REQUIRE(gone.status == 200);
  expect_refused_soon(s.stack, s.first.access, s.conversation, false);
  expect_refused_soon(s.stack, s.second.access, s.conversation, false);
  s.expect_others_unaffected(false);
}

TEST_CASE("the council's feed resumes after the auth service restarts, with what was revoked meanwhile",
          "[council][revocation]") {
  two_sessions s("restart");
  std::string second_id = other_session(s.stack, s.first.access);
  s.stack.auth.stop();
  // Ended while the auth service is down (as by another replica): the council reads it from its cursor later.
  REQUIRE(sql(s.stack, "WITH ended AS (UPDATE auth.sessions SET revoked_at = now() WHERE id = '" + second_id +
                           "' RETURNING 1) SELECT count(*) FROM ended") == "1");
  s.stack.auth.restart();
  CHECK(status_within(s.stack, s.second.access, 401, 5s) == 401);
  CHECK(status_within(s.stack, s.first.access, 200, 5s) == 200);

  s.logout(s.first);
  expect_refused_soon(s.stack, s.first.access, s.conversation);
  s.expect_others_unaffected(false);
}

TEST_CASE("a silent revocation feed fails closed with 503 past REVOCATION_MAX_STALENESS and recovers",
          "[council][revocation]") {
  two_sessions s("stale", {{"REVOCATION_MAX_STALENESS", "2"}});
  s.stack.auth.stop();
  CHECK(status_within(s.stack, s.first.access, 503, 15s) == 503);
  auto listed = s.stack.call("GET", "/api/conversations", "", s.first.access);
  CHECK(listed.status == 503);
  CHECK(detail_of(listed) == stale_detail);
  auto deleted = s.stack.call("DELETE", "/api/conversations/" + s.conversation, "", s.first.access);
  CHECK(deleted.status == 503);
  CHECK(sql(s.stack, "SELECT count(*) FROM council.conversations WHERE id = '" + s.conversation + "'") == "1");
  CHECK(s.stack.call("GET", "/api/conversations").status == 401);  // no token: still 401
  CHECK(s.stack.call("GET", "/readyz").status == 503);
  CHECK(s.stack.log().find("revocation feed stale") != std::string::npos);
  auto stale_metrics = s.stack.call("GET", "/metrics").body;
  CHECK(test_support::metric_sample(stale_metrics, "council_revocation_feed_age_seconds").value_or(0) > 2);

  s.stack.auth.restart();
  CHECK(status_within(s.stack, s.first.access, 200, 5s) == 200);
  CHECK(s.stack.call("GET", "/api/conversations", "", s.bystander).status == 200);
  CHECK(s.stack.call("GET", "/readyz").status == 200);
  auto metrics = s.stack.call("GET", "/metrics").body;
  CHECK(test_support::metric_sample(metrics, "council_revocation_feed_age_seconds").value_or(-1) <= 2);
}
