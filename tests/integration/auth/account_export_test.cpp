// The internal account export over the real auth-service: only to an allowed client with the user's live token,
// the whole account without key material, and every export and refusal audited.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

const std::string export_path = "/internal/v1/account-export";
const std::string the_key = "sk-or-v1-export-0123456789-topsecret";

std::string export_audit(const auth_fixture& fx) {
  return fx.database().psql("SELECT outcome || ' ' || coalesce(details->>'reason', '-') || ' ' || "
                            "coalesce(details->>'client', '-') FROM auth.audit_events "
                            "WHERE action = 'account_exported' ORDER BY id");
}

}  // namespace

TEST_CASE("the account export holds the profile, every session, key metadata and the audit log, never the key",
          "[auth][export][mtls]") {
  auth_fixture fx;
  auto first = fx.register_user("export@example.com", "export me please");
  fx.save_key(first.access, the_key);
  auto second = fx.login("export@example.com", "export me please");
  REQUIRE(fx.call("POST", "/api/auth/logout", json::serialize(json::object{{"refresh_token", first.refresh}})).status ==
          200);
  fx.register_user("other@example.com", "someone else here");

  auto r = fx.internal_get(export_path, second.access);
  REQUIRE(r.status == 200);
  CHECK(r.header("cache-control") == "no-store");
  CHECK(r.body.find(the_key) == std::string::npos);
  CHECK(r.body.find(the_key.substr(0, 20)) == std::string::npos);
  auto account = json_of(r).as_object();

  CHECK(field(account.at("profile"), "email") == "export@example.com");
  const auto& sessions = account.at("sessions").as_array();
  REQUIRE(sessions.size() == 2);  // the signed-out one is listed too, with its end
  CHECK(sessions[0].at("revoked_at").is_null());
  CHECK(sessions[1].at("revoked_at").is_string());

  const auto& keys = account.at("keys").as_array();
  REQUIRE(keys.size() == 1);
  CHECK(field(keys[0], "provider") == "openrouter");
  CHECK(the_key.ends_with(field(keys[0], "key_hint").substr(3)));
  CHECK_FALSE(keys[0].as_object().contains("api_key"));

  const auto& events = account.at("audit_events").as_array();
  REQUIRE(events.size() >= 5);
  CHECK(field(events[0], "action") == "account_exported");  // newest first, this export included
  std::vector<std::string> actions;
  for (const auto& e : events) actions.push_back(field(e, "action"));
  CHECK(actions == std::vector<std::string>{"account_exported", "logout", "login_success", "key_saved", "register"});
  CHECK(json::serialize(account).find("other@example.com") == std::string::npos);
  CHECK(export_audit(fx) == "success - spiffe://council.local/council-service\n");
}

TEST_CASE("the account export is refused without an allowed client, a token or a live session, and audited",
          "[auth][export][mtls]") {
  auth_fixture fx;
  auto t = fx.register_user("refused@example.com", "refuse this export");

  CHECK_THROWS(fx.internal_get(export_path, t.access, ""));                // no client certificate
  CHECK_THROWS(fx.internal_get(export_path, t.access, "foreign-client"));  // another CA
  auto intruder = fx.internal_get(export_path, t.access, "intruder-client");
  CHECK(intruder.status == 403);
  CHECK(detail_of(intruder) == "Client not allowed");
  CHECK(intruder.body.find("refused@example.com") == std::string::npos);
  auto no_token = fx.internal_get(export_path, "");
  CHECK(no_token.status == 401);
  CHECK(detail_of(no_token) == "Not authenticated");
  CHECK(fx.internal_get(export_path, "forged.token.value").status == 401);

  auto sessions = json_of(fx.call("GET", "/api/auth/sessions", "", t.access)).as_array();
  REQUIRE(sessions.size() == 1);
  std::string session_id = field(sessions[0], "id");
  auto again = fx.login("refused@example.com", "refuse this export");
  REQUIRE(fx.call("DELETE", "/api/auth/sessions/" + session_id, "", again.access).status == 200);
  auto revoked = fx.internal_get(export_path, t.access);
  CHECK(revoked.status == 401);
  CHECK(revoked.body.find("refused@example.com") == std::string::npos);

  std::string audit = export_audit(fx);
  CHECK(audit.find("failure client_not_allowed spiffe://council.local/intruder") == 0);
  CHECK(audit.find("failure invalid_token spiffe://council.local/council-service") != std::string::npos);
  CHECK(audit.find("success") == std::string::npos);
}
