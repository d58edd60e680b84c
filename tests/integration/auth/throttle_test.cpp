// Throttling kept in PostgreSQL: failed logins per account and per IP, registrations per IP.
#include "auth_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using auth_test::auth_fixture;
using auth_test::detail_of;
namespace json = boost::json;

namespace {
std::string creds(std::string_view email, std::string_view password) {
  return json::serialize(json::object{{"email", email}, {"password", password}});
}
long long retry_after(const common::http::client_response& r) {
  auto h = r.header("retry-after");
  return h ? std::stoll(std::string(*h)) : -1;
}
}  // namespace

TEST_CASE("failed logins throttle the account; a correct password waits too; it unlocks by itself",
          "[auth][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "3"}, {"LOGIN_WINDOW_SECONDS", "3"}});
  fx.register_user("locked@example.com", "the real password");
  fx.register_user("bystander@example.com", "bystander password");
  for (int i = 0; i < 3; ++i)
    CHECK(fx.call("POST", "/api/auth/login", creds("locked@example.com", "guess number " + std::to_string(i))).status ==
          401);

  auto blocked = fx.call("POST", "/api/auth/login", creds("LOCKED@example.com", "the real password"));
  REQUIRE(blocked.status == 429);
  CHECK(detail_of(blocked) == "Too many failed login attempts. Try again later.");
  long long wait = retry_after(blocked);
  CHECK(wait >= 1);
  CHECK(wait <= 3);
  // Another account from the same address is not affected by the per-account limit.
  CHECK(fx.call("POST", "/api/auth/login", creds("bystander@example.com", "bystander password")).status == 200);
  CHECK(fx.database().psql("SELECT count(*) FROM auth.audit_events WHERE action = 'login_throttled'") == "1\n");

  std::this_thread::sleep_for(std::chrono::seconds(wait));
  int status = 0;
  for (int attempt = 0; attempt < 20 && status != 200; ++attempt) {
    status = fx.call("POST", "/api/auth/login", creds("locked@example.com", "the real password")).status;
    if (status == 429) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  CHECK(status == 200);
}

TEST_CASE("failed logins from one address throttle that address across accounts", "[auth][throttle]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES_PER_IP", "4"}, {"LOGIN_WINDOW_SECONDS", "600"}});
  fx.register_user("ip-victim@example.com", "victim password");
  auto from = [](std::string ip) { return common::http::header_list{{"x-forwarded-for", std::move(ip)}}; };
  for (int i = 0; i < 4; ++i)
    CHECK(fx.call("POST", "/api/auth/login", creds("user" + std::to_string(i) + "@example.com", "whatever pw"), "",
                  from("198.51.100.20"))
              .status == 401);
  auto blocked =
      fx.call("POST", "/api/auth/login", creds("ip-victim@example.com", "victim password"), "", from("198.51.100.20"));
  CHECK(blocked.status == 429);
  CHECK(retry_after(blocked) > 500);
  CHECK(fx.call("POST", "/api/auth/login", creds("ip-victim@example.com", "victim password"), "", from("198.51.100.21"))
            .status == 200);
}

TEST_CASE("registrations per IP and hour are limited", "[auth][throttle]") {
  auth_fixture fx(auth_test::env{{"REGISTER_MAX_PER_IP", "2"}});
  common::http::header_list from{{"x-forwarded-for", "192.0.2.44"}};
  CHECK(fx.call("POST", "/api/auth/register", creds("r1@example.com", "password-1"), "", from).status == 200);
  CHECK(fx.call("POST", "/api/auth/register", creds("r2@example.com", "password-2"), "", from).status == 200);
  auto third = fx.call("POST", "/api/auth/register", creds("r3@example.com", "password-3"), "", from);
  CHECK(third.status == 429);
  CHECK(retry_after(third) > 3000);
  CHECK(retry_after(third) <= 3600);
  common::http::header_list elsewhere{{"x-forwarded-for", "192.0.2.45"}};
  CHECK(fx.call("POST", "/api/auth/register", creds("r3@example.com", "password-3"), "", elsewhere).status == 200);
}
