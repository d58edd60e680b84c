// Keys checked at the provider (the fake's GET /api/v1/key) when saved and on /test: accepted with limit and
// usage, rejected with the provider's reason, unreachable or failing (503, nothing stored), `validate: false`,
// KEY_VALIDATION=off, custom endpoints under the endpoint policy, and import-env-key.
#include "auth_fixture.hpp"
#include "fake_provider.hpp"
#include "support/environment.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::fake_provider;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

const std::string good_key = "sk-or-v1-accepted-0123456789-abcdef";
const std::string other_key = "sk-or-v1-another-0123456789-zyxwvu";

std::map<std::string, std::string> checking_against(const std::string& base_url) {
  return {{"KEY_VALIDATION", "on"}, {"OPENROUTER_BASE_URL", base_url}};
}

std::string key_body(const std::string& key) { return json::serialize(json::object{{"api_key", key}}); }

common::http::client_response save(auth_fixture& fx, const std::string& token, const std::string& key) {
  return fx.call("POST", "/api/settings/api-key", key_body(key), token);
}

/// Saves `key` with the custom endpoint `endpoint` (which needs the account's password since issue 13).
common::http::client_response save_with_endpoint(auth_fixture& fx, const std::string& token, const std::string& key,
                                                 const std::string& endpoint, const std::string& password) {
  json::object body{{"api_key", key}, {"endpoint", endpoint}, {"current_password", password}};
  return fx.call("POST", "/api/settings/api-key", json::serialize(body), token);
}

json::array stored_keys(auth_fixture& fx, const std::string& token) {
  return json_of(fx.call("GET", "/api/settings/api-keys", "", token)).as_array();
}

/// The key the internal API releases for the token's user ("" when none).
std::string released_key(auth_fixture& fx, const std::string& token) {
  auto r = fx.internal_key("openrouter", token);
  return r.status == 200 ? field(json_of(r), "api_key") : std::string();
}

/// `outcome result reason` of every key_checked audit event, one per line.
std::string check_events(const auth_fixture& fx) {
  return fx.database().psql("SELECT outcome || ' ' || (details->>'source') || ' ' || (details->>'result') || ' ' || "
                            "coalesce(details->>'reason', '-') FROM auth.audit_events WHERE action = 'key_checked' "
                            "ORDER BY id");
}

}  // namespace

TEST_CASE("a key the provider accepts is stored with validated_at, limit and usage", "[auth][keys][keycheck]") {
  fake_provider provider;
  provider.configure(json::parse(R"({"key": {"limit": 20, "usage": 3.5}})"));
  auth_fixture fx(checking_against(provider.base_url()));
  auto t = fx.register_user("accepted@example.com", "accepted pw");

  auto saved = save(fx, t.access, good_key);
  INFO(saved.body);
  REQUIRE(saved.status == 200);
  auto meta = json_of(saved);
  CHECK(field(meta, "validated_at").size() == 27);  // RFC 3339 with microseconds, UTC
  CHECK(field(meta, "validated_at").back() == 'Z');
  CHECK(meta.at("limit").to_number<double>() == 20.0);
  CHECK(meta.at("usage").to_number<double>() == 3.5);
  auto listed = stored_keys(fx, t.access);
  REQUIRE(listed.size() == 1);
  CHECK(field(listed[0], "validated_at") == field(meta, "validated_at"));
  CHECK(listed[0].at("usage").to_number<double>() == 3.5);
  CHECK(released_key(fx, t.access) == good_key);

  auto asked = provider.key_requests();
  REQUIRE(asked.size() == 1);
  CHECK(field(asked[0], "authorization_hint") == "abcdef");
  CHECK(field(asked[0], "path") == "/api/v1/key");
  CHECK(check_events(fx) == "success api accepted -\n");

  SECTION("a provider without a limit reports null") {
    provider.configure(json::parse(R"({"key": {"limit": null, "usage": 0}})"));
    auto replaced = save(fx, t.access, other_key);
    REQUIRE(replaced.status == 200);
    CHECK(json_of(replaced).at("limit").is_null());
    CHECK(json_of(replaced).at("usage").to_number<double>() == 0.0);
    CHECK(released_key(fx, t.access) == other_key);
  }
}

TEST_CASE("a key the provider rejects is answered 400 with its reason and nothing is stored", "[auth][keys][keycheck]") {
  fake_provider provider;
  provider.configure(json::parse(R"({"key": {"bad": ["sk-or-v1-revoked-0123456789"]}})"));
  auth_fixture fx(checking_against(provider.base_url()));
  auto t = fx.register_user("rejected@example.com", "rejected pw");

  auto bad = save(fx, t.access, "bad-0123456789abcdef");
  CHECK(bad.status == 400);
  CHECK(detail_of(bad) == "The provider rejected this key: Invalid API key.");
  auto listed = save(fx, t.access, "sk-or-v1-revoked-0123456789");
  CHECK(listed.status == 400);
  CHECK(stored_keys(fx, t.access).empty());
  CHECK(released_key(fx, t.access).empty());
  CHECK(fx.database().psql("SELECT count(*) FROM auth.provider_keys") == "0\n");
  CHECK(check_events(fx) == "failure api rejected Invalid API key\nfailure api rejected Invalid API key\n");

  // A rejected replacement leaves the stored key as it was.
  REQUIRE(save(fx, t.access, good_key).status == 200);
  auto before = stored_keys(fx, t.access);
  CHECK(save(fx, t.access, "bad-replacement-0123456789").status == 400);
  CHECK(stored_keys(fx, t.access) == before);
  CHECK(released_key(fx, t.access) == good_key);
}

TEST_CASE("a provider that cannot be reached or fails answers 503 and nothing is stored", "[auth][keys][keycheck]") {
  SECTION("nothing listens") {
    auth_fixture fx(checking_against(auth_test::unreachable_base_url()));
    auto t = fx.register_user("unreachable@example.com", "unreachable pw");
    auto r = save(fx, t.access, good_key);
    CHECK(r.status == 503);
    CHECK(detail_of(r) ==
          "The provider could not be reached to check this key (the connection failed); nothing was stored. "
          "Try again later, or save it without the check.");
    CHECK(stored_keys(fx, t.access).empty());
    CHECK(check_events(fx) == "failure api unavailable the connection failed\n");
  }
  SECTION("the provider answers 5xx") {
    fake_provider provider;
    provider.configure(json::parse(R"({"key": {"status": 502}})"));
    auth_fixture fx(checking_against(provider.base_url()));
    auto t = fx.register_user("failing@example.com", "failing pw");
    auto r = save(fx, t.access, good_key);
    CHECK(r.status == 503);
    CHECK(detail_of(r).find("(it answered HTTP 502); nothing was stored") != std::string::npos);
    CHECK(stored_keys(fx, t.access).empty());
    CHECK(released_key(fx, t.access).empty());
  }
}

TEST_CASE("\"validate\": false stores the key without asking the provider", "[auth][keys][keycheck]") {
  fake_provider provider;
  auth_fixture fx(checking_against(provider.base_url()));
  auto t = fx.register_user("unchecked@example.com", "unchecked pw");

  auto bad_flag = fx.call("POST", "/api/settings/api-key",
                          json::serialize(json::object{{"api_key", good_key}, {"validate", "no"}}), t.access);
  CHECK(bad_flag.status == 422);
  CHECK(detail_of(bad_flag) == "validate: must be a boolean");

  auto r = fx.call("POST", "/api/settings/api-key",
                   json::serialize(json::object{{"api_key", "bad-but-unchecked-01234"}, {"validate", false}}), t.access);
  REQUIRE(r.status == 200);
  auto meta = json_of(r);
  CHECK(meta.at("validated_at").is_null());
  CHECK(meta.at("limit").is_null());
  CHECK(meta.at("usage").is_null());
  CHECK(provider.key_requests().empty());
  CHECK(released_key(fx, t.access) == "bad-but-unchecked-01234");
  CHECK(check_events(fx).empty());

  // A checked replacement fills validated_at; an unchecked one clears it again.
  REQUIRE(save(fx, t.access, good_key).status == 200);
  CHECK_FALSE(stored_keys(fx, t.access)[0].at("validated_at").is_null());
  auto unchecked = fx.call("POST", "/api/settings/api-key",
                           json::serialize(json::object{{"api_key", other_key}, {"validate", false}}), t.access);
  REQUIRE(unchecked.status == 200);
  CHECK(stored_keys(fx, t.access)[0].at("validated_at").is_null());
  CHECK(stored_keys(fx, t.access)[0].at("usage").is_null());
}

TEST_CASE("KEY_VALIDATION=off stores keys unchecked and /test says checks are off", "[auth][keys][keycheck]") {
  fake_provider provider;
  auth_fixture fx({{"KEY_VALIDATION", "off"}, {"OPENROUTER_BASE_URL", provider.base_url()}});
  auto t = fx.register_user("offline@example.com", "offline pw");
  auto r = save(fx, t.access, "bad-offline-0123456789");
  REQUIRE(r.status == 200);
  CHECK(json_of(r).at("validated_at").is_null());
  auto test = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
  CHECK(test.status == 503);
  CHECK(detail_of(test) == "Key checks are turned off on this server (KEY_VALIDATION=off).");
  CHECK(provider.key_requests().empty());

  auto [status, out] = fx.run_cli({"serve"}, {{"KEY_VALIDATION", "maybe"}});
  CHECK(status == 2);
  CHECK(out.find("auth-service: KEY_VALIDATION: must be a boolean") == 0);
}

TEST_CASE("/test checks the stored key again, also after the provider revoked it", "[auth][keys][keycheck]") {
  fake_provider provider;
  auth_fixture fx(checking_against(provider.base_url()));
  auto t = fx.register_user("retest@example.com", "retest pw");

  auto none = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
  CHECK(none.status == 404);
  CHECK(detail_of(none) == "API key not found");
  CHECK(fx.call("POST", "/api/settings/api-key/acme/test", "", t.access).status == 404);
  CHECK(fx.call("POST", "/api/settings/api-key/openrouter/test", "").status == 401);

  auto saved = json_of(save(fx, t.access, good_key));
  provider.configure(json::parse(R"({"key": {"limit": 50, "usage": 7}})"));
  auto tested = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
  INFO(tested.body);
  REQUIRE(tested.status == 200);
  auto meta = json_of(tested);
  CHECK(field(meta, "id") == field(saved, "id"));
  CHECK(field(meta, "validated_at") >= field(saved, "validated_at"));
  CHECK(meta.at("limit").to_number<double>() == 50.0);
  CHECK(meta.at("usage").to_number<double>() == 7.0);
  CHECK(stored_keys(fx, t.access)[0].at("usage").to_number<double>() == 7.0);

  provider.configure(json::object{{"key", json::object{{"bad", json::array{json::value(good_key)}}}}});
  auto revoked = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
  CHECK(revoked.status == 400);
  CHECK(detail_of(revoked) == "The provider rejected this key: Invalid API key.");
  auto after = stored_keys(fx, t.access);
  CHECK(field(after[0], "validated_at") == field(meta, "validated_at"));  // the last good check is kept
  CHECK(released_key(fx, t.access) == good_key);                           // revoking at the provider deletes nothing

  provider.configure(json::parse(R"({"key": {"status": 503}})"));
  auto down = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
  CHECK(down.status == 503);
  CHECK(detail_of(down) == "The provider could not be reached to check this key (it answered HTTP 503). Try again later.");
  CHECK(check_events(fx) ==
        "success api accepted -\nsuccess test accepted -\nfailure test rejected Invalid API key\n"
        "failure test unavailable it answered HTTP 503\n");
}

TEST_CASE("a key with a custom endpoint is checked there, under the council's endpoint policy", "[auth][keys][keycheck]") {
  fake_provider provider;
  fake_provider custom(true);
  SECTION("a private address is refused unless UPSTREAM_ALLOW_PRIVATE") {
    auth_fixture fx(checking_against(provider.base_url()));
    auto t = fx.register_user("private@example.com", "private pw");
    REQUIRE(save(fx, t.access, good_key).status == 200);
    auto patch = fx.call("PATCH", "/api/settings/api-key/openrouter",
                         json::serialize(json::object{{"endpoint", "https://127.0.0.1:9/api/v1"},
                                                      {"current_password", "private pw"}}),
                         t.access);
    REQUIRE(patch.status == 200);
    auto r = save_with_endpoint(fx, t.access, other_key, "https://127.0.0.1:9/api/v1", "private pw");
    CHECK(r.status == 400);
    CHECK(detail_of(r) ==
          "Your custom API endpoint cannot be used (endpoint: 127.0.0.1 is a private, loopback or link-local address)");
    CHECK(released_key(fx, t.access) == good_key);
    auto test = fx.call("POST", "/api/settings/api-key/openrouter/test", "", t.access);
    CHECK(test.status == 400);
    CHECK(provider.key_requests().size() == 1);  // only the first save, before the endpoint was set
  }
  SECTION("allowed, the check goes to the custom endpoint over verified TLS") {
    auth_fixture fx({{"KEY_VALIDATION", "on"},
                     {"OPENROUTER_BASE_URL", provider.base_url()},
                     {"UPSTREAM_ALLOW_PRIVATE", "1"},
                     {"UPSTREAM_CA_FILE", test_support::cert("ca.crt")}});
    auto t = fx.register_user("custom@example.com", "custom pw");
    REQUIRE(save(fx, t.access, good_key).status == 200);
    auto patch = fx.call("PATCH", "/api/settings/api-key/openrouter",
                         json::serialize(json::object{{"endpoint", custom.base_url()}, {"current_password", "custom pw"}}),
                         t.access);
    REQUIRE(patch.status == 200);
    custom.configure(json::parse(R"({"key": {"limit": 1, "usage": 0.5}})"));
    auto r = save_with_endpoint(fx, t.access, other_key, custom.base_url(), "custom pw");
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(json_of(r).at("limit").to_number<double>() == 1.0);
    CHECK(field(json_of(r), "endpoint") == custom.base_url());
    CHECK(custom.key_requests().size() == 1);
    CHECK(provider.key_requests().size() == 1);
  }
}

TEST_CASE("import-env-key EMAIL checks the key, stores it once and is idempotent", "[auth][cli][keycheck]") {
  fake_provider provider;
  auth_fixture fx(checking_against(provider.base_url()));
  auto t = fx.register_user("operator@example.com", "operator pw");
  std::map<std::string, std::string> env{{"OPENROUTER_API_KEY", good_key}};

  auto [status, out] = fx.run_cli({"import-env-key", "Operator@Example.com"}, env);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("stored openrouter key ...abcdef for operator@example.com (checked with the provider)") !=
        std::string::npos);
  CHECK(released_key(fx, t.access) == good_key);
  CHECK_FALSE(stored_keys(fx, t.access)[0].at("validated_at").is_null());

  auto [again_status, again] = fx.run_cli({"import-env-key", "operator@example.com"}, env);
  CHECK(again_status == 0);
  CHECK(again.find("openrouter key ...abcdef is already stored for operator@example.com; nothing changed") !=
        std::string::npos);
  CHECK(fx.database().psql("SELECT action || ' ' || (details->>'source') FROM auth.audit_events WHERE action IN "
                           "('key_saved', 'key_replaced') ORDER BY id") == "key_saved import-env-key\n");
  CHECK(provider.key_requests().size() == 1);

  auto [bad_status, bad] = fx.run_cli({"import-env-key", "operator@example.com"}, {{"OPENROUTER_API_KEY", "bad-env-0123456789"}});
  CHECK(bad_status == 1);
  CHECK(bad.find("auth-service: The provider rejected this key: Invalid API key.") != std::string::npos);
  CHECK(released_key(fx, t.access) == good_key);

  auto [off_status, off] = fx.run_cli({"import-env-key", "operator@example.com"},
                                      {{"OPENROUTER_API_KEY", other_key}, {"KEY_VALIDATION", "off"}});
  INFO(off);
  CHECK(off_status == 0);
  CHECK(off.find("(not checked)") != std::string::npos);
  CHECK(released_key(fx, t.access) == other_key);
  CHECK(fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE action = 'key_replaced' AND "
                           "details->>'source' = 'import-env-key'") == "1\n");
}
