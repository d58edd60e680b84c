// Issue 13 against the real auth service and PostgreSQL: bad header bytes, throttling that cannot lock out the owner, audit rows that cannot be flooded and expire, the guarded
// custom endpoint and token responses kept out of caches (docs/api.md, "Throttling" and "Audit log").
#include "auth_fixture.hpp"
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

common::http::header_list from(std::string ip) { return {{"x-forwarded-for", std::move(ip)}}; }

/// Logs in from `ip` (through the trusted proxy) with extra `headers`; the whole answer.
common::http::client_response login_from(auth_fixture& fx, std::string_view email, std::string_view password,
                                         std::string ip, common::http::header_list headers = {}) {
  headers.emplace_back("x-forwarded-for", std::move(ip));
  return fx.call("POST", "/api/auth/login", creds(email, password), "", std::move(headers));
}

/// `council_device=<value>` of a Set-Cookie header ("" without one).
std::string device_cookie(const common::http::client_response& r) {
  auto set = r.header("set-cookie");
  if (!set) return "";
  std::string value(*set);
  return value.substr(0, value.find(';'));
}

/// Newest audit rows of the caller.
json::array audit_log(auth_fixture& fx, const std::string& access) {
  auto r = fx.call("GET", "/api/settings/audit-log?limit=200", "", access);
  REQUIRE(r.status == 200);
  return json_of(r).as_array();
}

const json::object* first_with_action(const json::array& rows, std::string_view action) {
  for (const auto& row : rows)
    if (field(row, "action") == action) return &row.as_object();
  return nullptr;
}

const std::string replacement_char = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("header bytes that are not UTF-8 are stored replaced: login, key saving and their audit rows work",
          "[auth][hardening][utf8]") {
  auth_fixture fx;
  auto t = fx.register_user("bytes@example.com", "bytes password");
  common::http::header_list odd_agent{{"user-agent", "probe/\xff\xfe (\xc3)"}};

  auto login = fx.call("POST", "/api/auth/login", creds("bytes@example.com", "bytes password"), "", odd_agent);
  REQUIRE(login.status == 200);
  std::string access = field(json_of(login), "access_token");
  auto saved = fx.call("POST", "/api/settings/api-key", R"({"api_key": "sk-or-v1-odd-agent-key-1"})", access, odd_agent);
  CHECK(saved.status == 200);

  std::string expected = "probe/" + replacement_char + replacement_char + " (" + replacement_char + ")";
  auto rows = audit_log(fx, access);
  const auto* success = first_with_action(rows, "login_success");
  REQUIRE(success != nullptr);
  CHECK(success->at("user_agent").as_string() == expected);
  const auto* key = first_with_action(rows, "key_saved");
  REQUIRE(key != nullptr);
  CHECK(key->at("user_agent").as_string() == expected);
  auto sessions = json_of(fx.call("GET", "/api/auth/sessions", "", access)).as_array();
  bool seen = false;
  for (const auto& s : sessions) seen = seen || (s.at("user_agent").is_string() && s.at("user_agent").as_string() == expected);
  CHECK(seen);
}

TEST_CASE("wrong passwords from another address never lock the owner out of a known address or device",
          "[auth][hardening][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "3"}, {"LOGIN_MAX_FAILURES_PER_ACCOUNT", "5"},
                                 {"LOGIN_WINDOW_SECONDS", "600"}});
  REQUIRE(fx.call("POST", "/api/auth/register", creds("owner@example.com", "owner password"), "", from("192.0.2.10"))
              .status == 200);
  auto at_home = login_from(fx, "owner@example.com", "owner password", "192.0.2.10");
  REQUIRE(at_home.status == 200);
  std::string cookie = device_cookie(at_home);
  REQUIRE_FALSE(cookie.empty());

  // The guesser exhausts its own address first, then rotates addresses until the account's ceiling.
  for (int i = 0; i < 3; ++i) CHECK(login_from(fx, "owner@example.com", "wrong guess " + std::to_string(i), "198.51.100.1").status == 401);
  CHECK(login_from(fx, "owner@example.com", "owner password", "198.51.100.1").status == 429);
  for (int i = 0; i < 2; ++i) CHECK(login_from(fx, "owner@example.com", "wrong guess x" + std::to_string(i), "198.51.100.2").status == 401);

  // The ceiling (5 failures from anywhere) refuses a client that never signed in, even with the right password.
  auto stranger = login_from(fx, "owner@example.com", "owner password", "203.0.113.50");
  CHECK(stranger.status == 429);
  // The owner's known address and the owner's device cookie from a new address still get in.
  CHECK(login_from(fx, "owner@example.com", "owner password", "192.0.2.10").status == 200);
  auto travelling = login_from(fx, "owner@example.com", "owner password", "203.0.113.77", {{"cookie", cookie}});
  CHECK(travelling.status == 200);
  CHECK(device_cookie(travelling) == cookie);
  // A device cookie of another account does not help.
  fx.register_user("other@example.com", "other password");
  auto other = login_from(fx, "other@example.com", "other password", "203.0.113.78");
  REQUIRE(other.status == 200);
  CHECK(login_from(fx, "owner@example.com", "owner password", "203.0.113.79", {{"cookie", device_cookie(other)}})
            .status == 429);
}

TEST_CASE("a successful login clears only its own client's failures", "[auth][hardening][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "3"}, {"LOGIN_MAX_FAILURES_PER_ACCOUNT", "100"}});
  REQUIRE(fx.call("POST", "/api/auth/register", creds("clear@example.com", "clear password"), "", from("192.0.2.20"))
              .status == 200);
  for (int i = 0; i < 2; ++i) CHECK(login_from(fx, "clear@example.com", "wrong guess " + std::to_string(i), "198.51.100.9").status == 401);
  REQUIRE(login_from(fx, "clear@example.com", "clear password", "192.0.2.20").status == 200);
  CHECK(login_from(fx, "clear@example.com", "wrong guess 2", "198.51.100.9").status == 401);
  CHECK(login_from(fx, "clear@example.com", "wrong guess 3", "198.51.100.9").status == 429);
}

TEST_CASE("the device cookie is HttpOnly, SameSite=Strict, on /api/auth, and Secure behind https",
          "[auth][hardening][throttle]") {
  auth_fixture fx;
  fx.register_user("cookie@example.com", "cookie password");
  auto plain = login_from(fx, "cookie@example.com", "cookie password", "192.0.2.30");
  REQUIRE(plain.status == 200);
  std::string set(plain.header("set-cookie").value_or(""));
  CHECK(set.starts_with("council_device="));
  CHECK(set.find("; Path=/api/auth") != std::string::npos);
  CHECK(set.find("; HttpOnly") != std::string::npos);
  CHECK(set.find("; SameSite=Strict") != std::string::npos);
  CHECK(set.find("Secure") == std::string::npos);
  auto tls = login_from(fx, "cookie@example.com", "cookie password", "192.0.2.30", {{"x-forwarded-proto", "https"}});
  REQUIRE(tls.status == 200);
  CHECK(std::string(tls.header("set-cookie").value_or("")).find("; Secure") != std::string::npos);
  CHECK(fx.database().psql("SELECT count(*) FROM auth.known_devices WHERE position(convert_to(" +
                           std::string("'") + device_cookie(plain).substr(15) + "', 'UTF8') IN token_hash) > 0") ==
        "0\n");  // stored only as a hash
}

TEST_CASE("IPv6 clients are counted per /64", "[auth][hardening][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES_PER_IP", "3"}, {"REGISTER_MAX_PER_IP", "2"}});
  fx.register_user("six@example.com", "six password");
  for (int i = 1; i <= 3; ++i)
    CHECK(login_from(fx, "nobody" + std::to_string(i) + "@example.com", "whatever pw", "2001:db8:1:2::" + std::to_string(i))
              .status == 401);
  CHECK(login_from(fx, "six@example.com", "six password", "2001:db8:1:2:aaaa:bbbb:cccc:dddd").status == 429);
  CHECK(login_from(fx, "six@example.com", "six password", "2001:db8:1:3::1").status == 200);

  for (int i = 1; i <= 2; ++i)
    CHECK(fx.call("POST", "/api/auth/register", creds("v6-" + std::to_string(i) + "@example.com", "password-v6"), "",
                  from("2001:db8:9:9::" + std::to_string(i)))
              .status == 200);
  CHECK(fx.call("POST", "/api/auth/register", creds("v6-3@example.com", "password-v6"), "", from("2001:db8:9:9::ff"))
            .status == 429);
}

TEST_CASE("the password re-check has its own limit per session, untouched by others' failed logins",
          "[auth][hardening][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "3"}, {"PASSWORD_RECHECK_MAX_FAILURES", "2"}});
  REQUIRE(fx.call("POST", "/api/auth/register", creds("recheck@example.com", "recheck password"), "",
                  from("192.0.2.40")).status == 200);
  auto mine = json_of(login_from(fx, "recheck@example.com", "recheck password", "192.0.2.40"));
  std::string access = field(mine, "access_token");
  for (int i = 0; i < 4; ++i) login_from(fx, "recheck@example.com", "wrong guess " + std::to_string(i), "198.51.100.40");
  REQUIRE(login_from(fx, "recheck@example.com", "recheck password", "198.51.100.40").status == 429);

  auto changed = fx.call("POST", "/api/auth/password",
                         R"({"current_password": "recheck password", "new_password": "recheck password 2"})", access,
                         from("192.0.2.40"));
  CHECK(changed.status == 200);

  for (int i = 0; i < 2; ++i)
    CHECK(fx.call("DELETE", "/api/auth/account", R"({"password": "not it"})", access, from("192.0.2.40")).status == 401);
  auto limited = fx.call("DELETE", "/api/auth/account", R"({"password": "recheck password 2"})", access, from("192.0.2.40"));
  CHECK(limited.status == 429);
  CHECK(limited.header("retry-after").has_value());
  // Another session of the owner has its own count.
  auto second = json_of(login_from(fx, "recheck@example.com", "recheck password 2", "192.0.2.40"));
  CHECK(fx.call("DELETE", "/api/auth/account", R"({"password": "recheck password 2"})", field(second, "access_token"),
                from("192.0.2.40")).status == 200);
}

TEST_CASE("throttled attempts share one audit row per account, address and window, marked unauthenticated",
          "[auth][hardening][audit]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "2"}, {"LOGIN_MAX_FAILURES_PER_ACCOUNT", "100"}});
  REQUIRE(fx.call("POST", "/api/auth/register", creds("flood@example.com", "flood password"), "", from("192.0.2.60"))
              .status == 200);
  for (int i = 0; i < 2; ++i) login_from(fx, "flood@example.com", "wrong guess " + std::to_string(i), "198.51.100.60");
  for (int i = 0; i < 30; ++i) CHECK(login_from(fx, "flood@example.com", "wrong guess", "198.51.100.60").status == 429);
  for (int i = 0; i < 2; ++i) login_from(fx, "flood@example.com", "wrong guess b" + std::to_string(i), "198.51.100.61");
  for (int i = 0; i < 5; ++i) CHECK(login_from(fx, "flood@example.com", "wrong guess", "198.51.100.61").status == 429);

  auto owner = json_of(login_from(fx, "flood@example.com", "flood password", "192.0.2.60"));
  auto rows = audit_log(fx, field(owner, "access_token"));
  int throttled_rows = 0;
  long long throttled_attempts = 0;
  for (const auto& row : rows) {
    std::string action = field(row, "action");
    if (action == "login_throttled") {
      ++throttled_rows;
      throttled_attempts += row.at("count").as_int64();
      CHECK_FALSE(row.at("authenticated").as_bool());
    }
    if (action == "login_failure") CHECK_FALSE(row.at("authenticated").as_bool());
    if (action == "login_success" || action == "register") {
      CHECK(row.at("authenticated").as_bool());
      CHECK(row.at("count").as_int64() == 1);
    }
  }
  CHECK(throttled_rows == 2);
  CHECK(throttled_attempts == 35);
  CHECK(rows.size() <= 10);
}

TEST_CASE("audit prune deletes events past AUDIT_RETENTION_DAYS and audits itself; nothing else may delete",
          "[auth][hardening][audit]") {
  auth_fixture fx;
  auto t = fx.register_user("prune@example.com", "prune password");
  fx.database().psql("INSERT INTO auth.audit_events (at, user_id, action, outcome) "
                     "SELECT now() - interval '40 days', id, 'login_success', 'success' FROM auth.users; "
                     "INSERT INTO auth.audit_events (at, user_id, action, outcome) "
                     "SELECT now() - interval '20 days', id, 'logout', 'success' FROM auth.users");
  CHECK_THROWS(fx.database().psql("DELETE FROM auth.audit_events"));
  CHECK_THROWS(fx.database().psql("UPDATE auth.audit_events SET action = 'x'"));

  auto [status, output] = fx.run_cli({"audit", "prune"}, {{"AUDIT_RETENTION_DAYS", "30"}});
  CHECK(status == 0);
  CHECK(output.find("deleted 1 audit event(s) older than 30 days") != std::string::npos);
  CHECK(fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE at < now() - interval '30 days'") == "0\n");
  CHECK(fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE action = 'logout'") == "1\n");
  CHECK(fx.database().psql("SELECT details->>'deleted', details->>'retention_days' FROM auth.audit_events "
                           "WHERE action = 'audit_pruned'") == "1|30\n");
  CHECK_THROWS(fx.database().psql("DELETE FROM auth.audit_events"));
  auto again = fx.run_cli({"audit", "prune"});
  CHECK(again.first == 0);
  CHECK(again.second.find("deleted 0 audit event(s) older than 400 days") != std::string::npos);
}

TEST_CASE("a custom endpoint needs the current password, and a new key without one clears it",
          "[auth][hardening][keys]") {
  auth_fixture fx;
  auto t = fx.register_user("endpoint@example.com", "endpoint password");
  fx.save_key(t.access, "sk-or-v1-endpoint-key-000001");
  const std::string path = "/api/settings/api-key/openrouter";

  auto missing = fx.call("PATCH", path, R"({"endpoint": "https://evil.example.com/v1"})", t.access);
  CHECK(missing.status == 403);
  CHECK(detail_of(missing) == "Changing the custom endpoint needs your current password.");
  auto wrong = fx.call("PATCH", path, R"({"endpoint": "https://evil.example.com/v1", "current_password": "nope"})",
                       t.access);
  CHECK(wrong.status == 401);
  CHECK(detail_of(wrong) == "Current password is incorrect.");
  auto keys = json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array();
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].at("endpoint").is_null());
  CHECK(keys[0].at("endpoint_changed_at").is_null());

  auto set = fx.call("PATCH", path,
                     R"({"endpoint": "https://llm.example.com/v1", "current_password": "endpoint password"})", t.access);
  REQUIRE(set.status == 200);
  CHECK(field(json_of(set), "endpoint") == "https://llm.example.com/v1");
  CHECK_FALSE(json_of(set).at("endpoint_changed_at").is_null());
  CHECK(fx.call("PATCH", path, R"({"endpoint": null})", t.access).status == 403);
  CHECK(fx.call("PATCH", path, R"({"enabled": false})", t.access).status == 200);  // no endpoint, no password

  auto rows = audit_log(fx, t.access);
  const auto* changed = first_with_action(rows, "key_endpoint_changed");
  REQUIRE(changed != nullptr);
  CHECK(changed->at("details").at("from").is_null());
  CHECK(changed->at("details").at("to").as_string() == "llm.example.com");
  CHECK(changed->at("details").as_object().size() == 4);  // provider, custom_endpoint, from, to: never a key

  // A new key without an endpoint clears the old one (audited); setting one on POST needs the password too.
  fx.save_key(t.access, "sk-or-v1-endpoint-key-000002");
  keys = json_of(fx.call("GET", "/api/settings/api-keys", "", t.access)).as_array();
  CHECK(keys[0].at("endpoint").is_null());
  rows = audit_log(fx, t.access);
  const auto* cleared = first_with_action(rows, "key_endpoint_changed");
  REQUIRE(cleared != nullptr);
  CHECK(cleared->at("details").at("from").as_string() == "llm.example.com");
  CHECK(cleared->at("details").at("to").is_null());
  auto post_missing = fx.call("POST", "/api/settings/api-key",
                              R"({"api_key": "sk-or-v1-endpoint-key-000003", "endpoint": "https://llm.example.com/v1"})",
                              t.access);
  CHECK(post_missing.status == 403);
  auto post = fx.call("POST", "/api/settings/api-key",
                      R"({"api_key": "sk-or-v1-endpoint-key-000003", "endpoint": "https://llm.example.com/v1",
                          "current_password": "endpoint password"})",
                      t.access);
  REQUIRE(post.status == 200);
  CHECK(field(json_of(post), "endpoint") == "https://llm.example.com/v1");
  CHECK(field(json_of(post), "key_hint") == "...000003");
}

TEST_CASE("token responses are never cached", "[auth][hardening][tokens]") {
  auth_fixture fx;
  auto registered = fx.call("POST", "/api/auth/register", creds("cache@example.com", "cache password"));
  auto login = fx.call("POST", "/api/auth/login", creds("cache@example.com", "cache password"));
  REQUIRE(login.status == 200);
  auto refreshed = fx.call("POST", "/api/auth/refresh",
                           json::serialize(json::object{{"refresh_token", field(json_of(login), "refresh_token")}}));
  for (const auto* r : {&registered, &login, &refreshed}) {
    CHECK(r->status == 200);
    CHECK(r->header("cache-control").value_or("") == "no-store");
    CHECK(r->header("pragma").value_or("") == "no-cache");
  }
}
