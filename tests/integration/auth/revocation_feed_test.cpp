// The internal revocation feed over the real auth-service (proto/internal.openapi.yaml, revocationFeed): ended
// sessions listed from a cursor, only to allowed client certificates; and the JWKS on the internal listener.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <algorithm>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

const std::string feed_path = "/internal/v1/revocations";

/// The session ids of a feed answer.
std::vector<std::string> sessions_in(const json::value& feed) {
  std::vector<std::string> out;
  for (const auto& r : feed.at("revocations").as_array()) out.push_back(field(r, "session_id"));
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string session_id_of(auth_fixture& fx, const std::string& access) {
  auto r = fx.call("GET", "/api/auth/sessions", "", access);
  REQUIRE(r.status == 200);
  json::value sessions = json_of(r);
  for (const auto& s : sessions.as_array())
    if (s.at("current").as_bool()) return field(s, "id");
  FAIL("no current session");
  return {};
}

json::value read_feed(auth_fixture& fx, const std::string& query = "") {
  auto r = fx.internal_get(feed_path + query, "");
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.header("cache-control") == std::optional<std::string_view>("no-store"));
  return json_of(r);
}

}  // namespace

TEST_CASE("the revocation feed lists ended sessions after a cursor, and everything recent without one",
          "[auth][revocations]") {
  auth_fixture fx;
  auto kept = fx.register_user("kept@example.com", "kept password");
  auto ended = fx.login("kept@example.com", "kept password");
  std::string ended_id = session_id_of(fx, ended.access);

  auto start = read_feed(fx);
  CHECK(start.at("retain_seconds").as_int64() == 900 + 60);
  CHECK(sessions_in(start).empty());
  std::string cursor = field(start, "cursor");
  REQUIRE_FALSE(cursor.empty());

  auto out = fx.call("POST", "/api/auth/logout", json::serialize(json::object{{"refresh_token", ended.refresh}}));
  REQUIRE(out.status == 200);
  auto next = read_feed(fx, "?after=" + cursor);
  CHECK(sessions_in(next) == std::vector<std::string>{ended_id});
  INFO(json::serialize(next));
  REQUIRE(next.at("revocations").as_array().size() == 1);
  CHECK(field(next.at("revocations").at(0), "revoked_at").ends_with('Z'));
  CHECK(contains(sessions_in(read_feed(fx)), ended_id));  // a follower starting now loads it too
  CHECK(contains(sessions_in(read_feed(fx, "?after=0")), ended_id));
  // A cursor from the future (the database was restored from an older backup) reads from the start.
  CHECK(contains(sessions_in(read_feed(fx, "?after=9000000000000000000")), ended_id));

  // A session ended by a statement outside the service (another replica, an operator) is recorded too.
  std::string kept_id = session_id_of(fx, kept.access);
  fx.database().psql("UPDATE auth.sessions SET revoked_at = now() WHERE id = '" + kept_id + "'");
  CHECK(contains(sessions_in(read_feed(fx, "?after=" + field(next, "cursor"))), kept_id));
  CHECK(fx.database().psql("SELECT count(*) FROM auth.revocations") == "2\n");  // revoking again adds nothing
  fx.database().psql("UPDATE auth.sessions SET revoked_at = now() WHERE id = '" + kept_id + "'");
  CHECK(fx.database().psql("SELECT count(*) FROM auth.revocations") == "2\n");
}

TEST_CASE("account deletion lists every live session of the account in the feed", "[auth][revocations]") {
  auth_fixture fx;
  auto a = fx.register_user("leaving@example.com", "leaving password");
  auto b = fx.login("leaving@example.com", "leaving password");
  std::string a_id = session_id_of(fx, a.access);
  std::string b_id = session_id_of(fx, b.access);
  auto gone = fx.call("DELETE", "/api/auth/account", R"({"password": "leaving password"})", a.access);
  REQUIRE(gone.status == 200);
  auto listed = sessions_in(read_feed(fx));
  CHECK(contains(listed, a_id));
  CHECK(contains(listed, b_id));
}

TEST_CASE("the revocation feed answers only allowed client certificates and refuses a malformed cursor",
          "[auth][revocations]") {
  auth_fixture fx;
  auto intruder = fx.internal_get(feed_path, "", "intruder-client");
  CHECK(intruder.status == 403);
  CHECK(detail_of(intruder) == "Client not allowed");
  CHECK_THROWS(fx.internal_get(feed_path, "", ""));                // no client certificate
  CHECK_THROWS(fx.internal_get(feed_path, "", "foreign-client"));  // another CA
  for (const char* bad : {"?after=abc", "?after=-1", "?after=12345678901234567890"}) {
    auto r = fx.internal_get(feed_path + bad, "");
    INFO(bad);
    CHECK(r.status == 422);
    CHECK(detail_of(r) == "after must be a cursor from an earlier answer");
  }
}

TEST_CASE("the internal listener serves the same JWKS as the public one", "[auth][revocations]") {
  auth_fixture fx;
  auto internal = fx.internal_get("/internal/v1/jwks", "");
  REQUIRE(internal.status == 200);
  auto published = fx.call("GET", "/.well-known/jwks.json");
  CHECK(json_of(internal) == json_of(published));
  CHECK_THROWS(fx.internal_get("/internal/v1/jwks", "", ""));  // still mutual TLS
  CHECK(fx.internal_get("/internal/v1/jwks", "", "intruder-client").status == 403);
}
