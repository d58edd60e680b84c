// Provider keys over the real auth-service: settings endpoints, the internal mTLS release with every
// refusal, last use, and audit rows (including the user's own audit log).
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {
const std::string the_key = "sk-or-v1-abcdef0123456789-topsecret";

std::string audit_rows(const auth_fixture& fx, const std::string& action) {
  return fx.database().psql("SELECT outcome || ' ' || coalesce(details->>'reason', '-') || ' ' || "
                            "coalesce(details->>'run_id', '-') FROM auth.audit_events WHERE action = '" +
                            action + "' ORDER BY id");
}
}  // namespace

TEST_CASE("saving, listing, patching and deleting a provider key", "[auth][keys]") {
  auth_fixture fx;
  auto t = fx.register_user("keys@example.com", "key owner pw");

  auto saved = fx.call("POST", "/api/settings/api-key", json::serialize(json::object{{"api_key", "  " + the_key + "\n"}}),
                       t.access);
  REQUIRE(saved.status == 200);
  auto meta = json_of(saved);
  CHECK(field(meta, "provider") == "openrouter");
  CHECK(field(meta, "key_hint") == "...secret");
  CHECK(meta.at("enabled").as_bool());
  CHECK(meta.as_object().contains("created_at"));
  CHECK(meta.as_object().contains("updated_at"));
  CHECK(saved.body.find("topsecret") == std::string::npos);

  auto list = json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array();
  REQUIRE(list.size() == 1);
  CHECK(field(list[0], "key_hint") == "...secret");
  CHECK(list[0].at("endpoint").is_null());
  CHECK(list[0].at("last_used_at").is_null());
  CHECK(field(list[0], "id") == field(meta, "id"));

  SECTION("validation") {
    auto short_key = fx.call("POST", "/api/settings/api-key", R"({"api_key": "   short    "})", t.access);
    CHECK(short_key.status == 422);
    CHECK(detail_of(short_key) == "api_key: must be at least 10 characters");
    auto provider = fx.call("POST", "/api/settings/api-key", R"({"api_key": "long enough key", "provider": "acme"})",
                            t.access);
    CHECK(provider.status == 422);
    CHECK(detail_of(provider) == "provider: unknown provider");
    CHECK(fx.call("POST", "/api/settings/api-key", R"({"provider": "openrouter"})", t.access).status == 422);
    CHECK(fx.call("POST", "/api/settings/api-key", R"({"api_key": "x"})").status == 401);
    auto http = fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"endpoint": "http://plain.example/v1"})", t.access);
    CHECK(http.status == 422);
    CHECK(detail_of(http) == "endpoint: must be an https URL");
    CHECK(fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": "yes"})", t.access).status == 422);
    CHECK(fx.call("PATCH", "/api/settings/api-key/acme", R"({"enabled": false})", t.access).status == 404);
    CHECK(detail_of(fx.call("DELETE", "/api/settings/api-key/acme", "", t.access)) == "API key not found");
  }
  SECTION("replace keeps one row and clears a custom endpoint (issue 13); patch toggles and clears") {
    auto patched = fx.call("PATCH", "/api/settings/api-key/openrouter",
                           R"({"endpoint": "https://llm.example.com/api/v1", "enabled": false,
                               "current_password": "key owner pw"})",
                           t.access);
    REQUIRE(patched.status == 200);
    CHECK(field(json_of(patched), "endpoint") == "https://llm.example.com/api/v1");
    CHECK_FALSE(json_of(patched).at("enabled").as_bool());
    fx.save_key(t.access, "sk-or-v1-replacement-key-999999");
    auto list2 = json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array();
    REQUIRE(list2.size() == 1);
    CHECK(field(list2[0], "key_hint") == "...999999");
    CHECK(list2[0].at("endpoint").is_null());
    auto again = fx.call("PATCH", "/api/settings/api-key/openrouter",
                         R"({"endpoint": "https://llm.example.com/api/v1", "current_password": "key owner pw"})",
                         t.access);
    REQUIRE(again.status == 200);
    auto cleared = fx.call("PATCH", "/api/settings/api-key/openrouter",
                           R"({"endpoint": null, "enabled": true, "current_password": "key owner pw"})", t.access);
    REQUIRE(cleared.status == 200);
    CHECK(json_of(cleared).at("endpoint").is_null());
    CHECK(json_of(cleared).at("enabled").as_bool());
    std::string actions = fx.database().psql(
        "SELECT string_agg(action, ',' ORDER BY id) FROM auth.audit_events WHERE action LIKE 'key_%'");
    CHECK(actions == "key_saved,key_disabled,key_endpoint_changed,key_replaced,key_endpoint_changed,"
                     "key_endpoint_changed,key_enabled,key_endpoint_changed\n");
  }
  SECTION("delete") {
    auto deleted = fx.call("DELETE", "/api/settings/api-key/openrouter", "", t.access);
    REQUIRE(deleted.status == 200);
    CHECK(field(json_of(deleted), "status") == "deleted");
    CHECK(fx.call("DELETE", "/api/settings/api-key/openrouter", "", t.access).status == 404);
    CHECK(fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": true})", t.access).status == 404);
    CHECK(json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array().empty());
  }
}

TEST_CASE("the internal endpoint releases a user's key only to an allowed client with the user's token",
          "[auth][keys][mtls]") {
  auth_fixture fx;
  auto t = fx.register_user("release@example.com", "release me pw");
  auto other = fx.register_user("nokey@example.com", "no key here");
  fx.save_key(t.access, the_key);

  auto ok = fx.internal_key("openrouter", t.access, "council-client", "run-abc");
  REQUIRE(ok.status == 200);
  auto released = json_of(ok);
  CHECK(field(released, "provider") == "openrouter");
  CHECK(field(released, "api_key") == the_key);
  CHECK(released.at("endpoint").is_null());
  CHECK_FALSE(json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array()[0].at("last_used_at").is_null());

  CHECK_THROWS(fx.internal_key("openrouter", t.access, ""));                // no client certificate
  CHECK_THROWS(fx.internal_key("openrouter", t.access, "foreign-client"));  // another CA
  auto intruder = fx.internal_key("openrouter", t.access, "intruder-client", "run-intruder");
  CHECK(intruder.status == 403);
  CHECK(detail_of(intruder) == "Client not allowed");
  auto no_token = fx.internal_key("openrouter", "", "council-client", "run-notoken");
  CHECK(no_token.status == 401);
  CHECK(detail_of(no_token) == "Not authenticated");
  CHECK(fx.internal_key("openrouter", "forged.token.value", "council-client", "run-bad").status == 401);
  auto missing = fx.internal_key("openrouter", other.access, "council-client", "run-nokey");
  CHECK(missing.status == 404);
  CHECK(detail_of(missing) == "API key not found");
  CHECK(fx.internal_key("anthropic", t.access, "council-client", "run-provider").status == 404);

  REQUIRE(fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": false, "endpoint": "https://x.example/v1", "current_password": "release me pw"})",
                  t.access)
              .status == 200);
  auto disabled = fx.internal_key("openrouter", t.access, "council-client", "run-disabled");
  CHECK(disabled.status == 403);
  CHECK(detail_of(disabled) == "API key is disabled");
  REQUIRE(fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": true})", t.access).status == 200);
  auto with_endpoint = json_of(fx.internal_key("openrouter", t.access, "council-client", "run-endpoint"));
  CHECK(field(with_endpoint, "endpoint") == "https://x.example/v1");

  REQUIRE(fx.call("POST", "/api/auth/logout", json::serialize(json::object{{"refresh_token", t.refresh}})).status == 200);
  CHECK(fx.internal_key("openrouter", t.access, "council-client", "run-loggedout").status == 401);

  CHECK(audit_rows(fx, "key_released") == "success - run-abc\nsuccess - run-endpoint\n");
  CHECK(audit_rows(fx, "key_refused") ==
        "failure client_not_allowed run-intruder\n"
        "failure invalid_token run-notoken\n"
        "failure invalid_token run-bad\n"
        "failure not_found run-nokey\n"
        "failure not_found run-provider\n"
        "failure disabled run-disabled\n"
        "failure invalid_token run-loggedout\n");
}

TEST_CASE("the audit log lists the user's own events, newest first, paged by id", "[auth][keys][audit]") {
  auth_fixture fx;
  auto t = fx.register_user("audit@example.com", "audit me please");
  auto stranger = fx.register_user("stranger@example.com", "stranger pw!");
  fx.save_key(t.access, the_key);
  CHECK(fx.call("POST", "/api/auth/login", R"({"email": "audit@example.com", "password": "wrong password"})",
                "", {{"user-agent", "audit-agent/2"}})
            .status == 401);

  auto r = fx.call("GET", "/api/settings/audit-log", "", t.access);
  REQUIRE(r.status == 200);
  auto events = json_of(r).as_array();
  REQUIRE(events.size() == 3);
  CHECK(field(events[0], "action") == "login_failure");
  CHECK(field(events[0], "outcome") == "failure");
  CHECK(field(events[0], "user_agent") == "audit-agent/2");
  CHECK(field(events[0], "ip") == "127.0.0.1");
  CHECK(field(events[1], "action") == "key_saved");
  CHECK(field(events[1].at("details"), "provider") == "openrouter");
  CHECK(field(events[2], "action") == "register");
  CHECK(events[0].at("id").as_int64() > events[1].at("id").as_int64());
  CHECK(r.body.find("topsecret") == std::string::npos);
  CHECK(r.body.find("wrong password") == std::string::npos);

  auto page = json_of(fx.call("GET", "/api/settings/audit-log?limit=1&before=" +
                                         std::to_string(events[0].at("id").as_int64()),
                              "", t.access))
                  .as_array();
  REQUIRE(page.size() == 1);
  CHECK(field(page[0], "action") == "key_saved");
  CHECK(json_of(fx.call("GET", "/api/settings/audit-log", "", stranger.access)).as_array().size() == 1);
  CHECK(fx.call("GET", "/api/settings/audit-log?limit=0", "", t.access).status == 422);
  CHECK(fx.call("GET", "/api/settings/audit-log?limit=201", "", t.access).status == 422);
  CHECK(detail_of(fx.call("GET", "/api/settings/audit-log?limit=abc", "", t.access)) ==
        "limit: must be an integer between 1 and 200");
  CHECK(fx.call("GET", "/api/settings/audit-log?before=x", "", t.access).status == 422);
  CHECK(fx.call("GET", "/api/settings/audit-log").status == 401);

  // Append-only for the service role itself.
  std::string as_service = "SET ROLE auth_service; ";
  CHECK_THROWS(fx.database().psql(as_service + "UPDATE auth.audit_events SET action = 'x'"));
  CHECK_THROWS(fx.database().psql(as_service + "DELETE FROM auth.audit_events"));
  CHECK_THROWS(fx.database().psql(as_service + "TRUNCATE auth.audit_events"));
  CHECK(fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE action = 'register'") == "2\n");
}
