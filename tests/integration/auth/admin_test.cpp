// The admin API over the real auth-service: who may call it (401, 403), the account list, disabling and enabling
// accounts (sessions end, sign-in refused), invites and reset links, each audited; `admin grant|revoke` on the
// command line.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

constexpr const char* unknown_id = "0b5a3d4e-1111-4222-8333-944455556666";

std::string sql(auth_fixture& fx, const std::string& query) {
  std::string out = fx.database().psql(query);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string user_id(auth_fixture& fx, const std::string& access) {
  auto me = fx.call("GET", "/api/auth/me", "", access);
  REQUIRE(me.status == 200);
  return field(json_of(me), "id");
}

std::string refresh_body(const std::string& refresh) {
  return json::serialize(json::object{{"refresh_token", refresh}});
}

std::string creds(std::string_view email, std::string_view password) {
  return json::serialize(json::object{{"email", email}, {"password", password}});
}

void grant(auth_fixture& fx, const std::string& verb, const std::string& email) {
  auto [status, out] = fx.run_cli({"admin", verb, email});
  INFO(out);
  REQUIRE(status == 0);
}

/// The entry of `email` in GET /api/admin/users.
json::object listed(auth_fixture& fx, const std::string& admin_access, const std::string& email) {
  auto r = fx.call("GET", "/api/admin/users", "", admin_access);
  REQUIRE(r.status == 200);
  json::value body = json_of(r);
  for (const auto& u : body.at("users").as_array())
    if (u.at("email").as_string() == email) return u.as_object();
  FAIL("no entry for " << email);
  return {};
}

}  // namespace

TEST_CASE("the admin API answers 401 without a token and 403 to non-admins; admin grant|revoke decide",
          "[auth][admin]") {
  auth_fixture fx;
  auto root = fx.register_user("root@example.com", "root password");
  auto alice = fx.register_user("alice@example.com", "alice password");
  std::string alice_id = user_id(fx, alice.access);
  const std::vector<std::pair<std::string, std::string>> operations{
      {"GET", "/api/admin/users"},
      {"POST", "/api/admin/users/" + alice_id + "/disable"},
      {"POST", "/api/admin/users/" + alice_id + "/enable"},
      {"POST", "/api/admin/invites"},
      {"POST", "/api/admin/users/" + alice_id + "/password-reset"}};
  auto expect_all = [&](const std::string& bearer, int status, const std::string& detail) {
    for (const auto& [method, path] : operations) {
      auto r = fx.call(method, path, method == "POST" ? "{}" : "", bearer);
      INFO(method << " " << path << " " << r.body);
      CHECK(r.status == status);
      CHECK(detail_of(r) == detail);
    }
  };
  expect_all("", 401, "Not authenticated");
  expect_all("not-a-token", 401, "Invalid or expired token");
  expect_all(alice.access, 403, "Admin only.");
  expect_all(root.access, 403, "Admin only.");

  grant(fx, "grant", "ROOT@example.com");
  auto listing = fx.call("GET", "/api/admin/users", "", root.access);
  CHECK(listing.status == 200);
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'admin_granted' AND user_agent = "
                "'auth-service admin grant'") == "1");
  auto [unknown_status, unknown_out] = fx.run_cli({"admin", "grant", "nobody@example.com"});
  CHECK(unknown_status == 1);
  CHECK(unknown_out.find("auth-service: no user with email nobody@example.com") != std::string::npos);
  auto [usage_status, usage_out] = fx.run_cli({"admin", "promote", "root@example.com"});
  CHECK(usage_status == 2);
  auto [email_status, email_out] = fx.run_cli({"admin", "grant", "not-an-email"});
  CHECK(email_status == 2);
  CHECK(email_out.rfind("auth-service: email: must be a valid email address", 0) == 0);

  grant(fx, "revoke", "root@example.com");
  auto revoked = fx.call("GET", "/api/admin/users", "", root.access);
  CHECK(revoked.status == 403);
  CHECK(detail_of(revoked) == "Admin only.");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'admin_revoked'") == "1");
}

TEST_CASE("admins list accounts (never a key), disable them (sessions end, sign-in refused) and enable them",
          "[auth][admin]") {
  auth_fixture fx;
  auto root = fx.register_user("root@example.com", "root password");
  grant(fx, "grant", "root@example.com");
  auto alice = fx.register_user("alice@example.com", "alice password");
  const std::string key = "sk-or-v1-ADMIN-LIST-MARKER-123456";
  fx.save_key(alice.access, key);
  auto alice_laptop = fx.login("alice@example.com", "alice password");
  std::string alice_id = user_id(fx, alice.access);
  std::string root_id = user_id(fx, root.access);
  fx.database().psql("INSERT INTO auth.users (email, password_hash) VALUES ('never@example.com', 'x')");

  auto list = fx.call("GET", "/api/admin/users", "", root.access);
  REQUIRE(list.status == 200);
  CHECK(list.body.find("ADMIN-LIST-MARKER") == std::string::npos);
  auto users = json_of(list).at("users").as_array();
  REQUIRE(users.size() == 3);
  CHECK(users[0].at("email").as_string() == "root@example.com");  // oldest first
  json::object a = listed(fx, root.access, "alice@example.com");
  CHECK(a.at("id").as_string() == alice_id);
  CHECK(a.at("key_stored").as_bool());
  CHECK_FALSE(a.at("admin").as_bool());
  CHECK_FALSE(a.at("disabled").as_bool());
  CHECK(a.at("last_login_at").is_string());
  CHECK(listed(fx, root.access, "root@example.com").at("admin").as_bool());
  CHECK_FALSE(listed(fx, root.access, "root@example.com").at("key_stored").as_bool());
  CHECK(listed(fx, root.access, "never@example.com").at("last_login_at").is_null());

  SECTION("unknown or malformed ids are 404; an admin cannot disable themselves") {
    for (std::string id : {std::string(unknown_id), std::string("not-a-uuid")}) {
      for (std::string action : {"disable", "enable", "password-reset"}) {
        auto r = fx.call("POST", "/api/admin/users/" + id + "/" + action, "", root.access);
        CHECK(r.status == 404);
        CHECK(detail_of(r) == "User not found");
      }
    }
    auto self = fx.call("POST", "/api/admin/users/" + root_id + "/disable", "", root.access);
    CHECK(self.status == 400);
    CHECK(detail_of(self) == "Admins cannot disable their own account.");
    CHECK(fx.call("GET", "/api/auth/me", "", root.access).status == 200);
  }

  SECTION("a disabled account loses every session at once and cannot sign in until enabled") {
    auto disabled = fx.call("POST", "/api/admin/users/" + alice_id + "/disable", "", root.access);
    REQUIRE(disabled.status == 200);
    CHECK(json_of(disabled).at("disabled").as_bool());
    CHECK(json_of(disabled).at("email").as_string() == "alice@example.com");
    CHECK(fx.call("GET", "/api/auth/me", "", alice.access).status == 401);
    CHECK(fx.call("GET", "/api/auth/me", "", alice_laptop.access).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(alice.refresh)).status == 401);
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(alice_laptop.refresh)).status == 401);
    CHECK(fx.internal_key("openrouter", alice.access).status == 401);
    auto login = fx.call("POST", "/api/auth/login", creds("alice@example.com", "alice password"));
    CHECK(login.status == 403);
    CHECK(detail_of(login) == "This account is disabled.");
    auto wrong = fx.call("POST", "/api/auth/login", creds("alice@example.com", "wrong password"));
    CHECK(wrong.status == 401);  // the state shows only to someone who knows the password
    CHECK(sql(fx, "SELECT count(*) FROM auth.sessions WHERE user_id = '" + alice_id + "' AND revoked_at IS NULL") ==
          "0");
    CHECK(sql(fx, "SELECT details->>'sessions_ended' FROM auth.audit_events WHERE action = 'user_disabled' AND "
                  "user_id = '" + alice_id + "' AND details->>'admin_user_id' = '" + root_id + "'") == "2");
    CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'user_disabled' AND user_id = '" + root_id +
                  "' AND details->>'target_user_id' = '" + alice_id + "'") == "1");
    CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'login_failure' AND "
                  "details->>'reason' = 'account_disabled'") == "1");
    CHECK(listed(fx, root.access, "alice@example.com").at("disabled").as_bool());

    auto enabled = fx.call("POST", "/api/admin/users/" + alice_id + "/enable", "", root.access);
    REQUIRE(enabled.status == 200);
    CHECK_FALSE(json_of(enabled).at("disabled").as_bool());
    CHECK(fx.call("POST", "/api/auth/refresh", refresh_body(alice.refresh)).status == 401);  // old sessions stay ended
    auto back = fx.login("alice@example.com", "alice password");
    CHECK(fx.call("GET", "/api/auth/me", "", back.access).status == 200);
    CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'user_enabled'") == "2");
  }
}

TEST_CASE("admins make invites and reset links; bad invite bodies are 400/422", "[auth][admin]") {
  auth_fixture fx(auth_test::env{{"APP_URL", "https://council.example/"}});
  auto root = fx.register_user("root@example.com", "root password");
  grant(fx, "grant", "root@example.com");
  auto alice = fx.register_user("alice@example.com", "alice password");
  std::string alice_id = user_id(fx, alice.access);
  std::string root_id = user_id(fx, root.access);

  auto standard = fx.call("POST", "/api/admin/invites", "", root.access);
  REQUIRE(standard.status == 200);
  CHECK(json_of(standard).at("uses").as_int64() == 1);
  CHECK(field(json_of(standard), "code").size() == 20);
  auto custom = fx.call("POST", "/api/admin/invites", R"({"uses": 5, "expires_in_days": 30})", root.access);
  REQUIRE(custom.status == 200);
  CHECK(json_of(custom).at("uses").as_int64() == 5);
  CHECK(sql(fx, "SELECT string_agg(uses || ':' || (created_by = '" + root_id + "') || ':' || "
                "round(extract(epoch FROM expires_at - created_at) / 86400), ',' ORDER BY uses) FROM auth.invites") ==
        "1:true:7,5:true:30");
  CHECK(sql(fx, "SELECT to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM auth.invites "
                "WHERE uses = 5") == field(json_of(custom), "expires_at"));
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'invite_created' AND user_id = '" + root_id +
                "'") == "2");
  for (auto [body, detail] : std::vector<std::pair<std::string, std::string>>{
           {R"({"uses": 0})", "uses: must be an integer between 1 and 1000"},
           {R"({"uses": 1001})", "uses: must be an integer between 1 and 1000"},
           {R"({"uses": "5"})", "uses: must be an integer between 1 and 1000"},
           {R"({"uses": 2.5})", "uses: must be an integer between 1 and 1000"},
           {R"({"expires_in_days": 0})", "expires_in_days: must be an integer between 1 and 365"},
           {R"({"expires_in_days": 366})", "expires_in_days: must be an integer between 1 and 365"},
           {R"({"expires_in_days": null})", "expires_in_days: must be an integer between 1 and 365"},
           {"[]", "body: must be a JSON object"}}) {
    auto r = fx.call("POST", "/api/admin/invites", body, root.access);
    INFO(body);
    CHECK(r.status == 422);
    CHECK(detail_of(r) == detail);
  }
  CHECK(fx.call("POST", "/api/admin/invites", "{", root.access).status == 400);
  CHECK(sql(fx, "SELECT count(*) FROM auth.invites") == "2");

  auto reset = fx.call("POST", "/api/admin/users/" + alice_id + "/password-reset", "", root.access);
  REQUIRE(reset.status == 200);
  std::string token = field(json_of(reset), "token");
  CHECK(token.size() == 43);
  CHECK(field(json_of(reset), "link") == "https://council.example/#/reset?token=" + token);
  CHECK(reset.header("cache-control") == std::optional<std::string_view>("no-store"));
  CHECK(sql(fx, "SELECT count(*) FROM auth.password_resets WHERE user_id = '" + alice_id +
                "' AND token_hash = sha256(convert_to('" + token + "', 'UTF8')) AND expires_at BETWEEN "
                "now() + interval '29 minutes' AND now() + interval '30 minutes'") == "1");
  CHECK(sql(fx, "SELECT count(*) FROM auth.audit_events WHERE action = 'password_reset_issued' AND ((user_id = '" +
                root_id + "' AND details->>'target_user_id' = '" + alice_id + "') OR (user_id = '" + alice_id +
                "' AND details->>'admin_user_id' = '" + root_id + "'))") == "2");
  auto done = fx.call("POST", "/api/auth/password-reset",
                      json::serialize(json::object{{"token", token}, {"new_password", "alice new password"}}));
  CHECK(done.status == 200);
  CHECK(fx.login("alice@example.com", "alice new password").access.size() > 0);
}
