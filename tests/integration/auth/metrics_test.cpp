// auth-service's /metrics: request counts by route, login failures and throttles, key releases and refusals,
// pool gauges; and no secret or user data in the page.
#include "auth_fixture.hpp"
#include "support/prometheus_text.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using auth_test::auth_fixture;
using test_support::metric_sample;
namespace json = boost::json;

TEST_CASE("auth /metrics counts requests, login failures, throttles and key releases", "[auth][metrics]") {
  auth_fixture fx(auth_test::env{{"LOGIN_MAX_FAILURES", "2"}, {"LOGIN_WINDOW_SECONDS", "600"}});
  auto t = fx.register_user("metrics@example.com", "metrics password");
  const std::string wrong = json::serialize(json::object{{"email", "metrics@example.com"}, {"password", "not it at all"}});
  const std::string stranger = json::serialize(json::object{{"email", "nobody@example.com"}, {"password", "whatever pw"}});
  CHECK(fx.call("POST", "/api/auth/login", wrong).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", stranger).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", wrong).status == 401);
  CHECK(fx.call("POST", "/api/auth/login", wrong).status == 429);

  CHECK(fx.internal_key("openrouter", t.access).status == 404);  // refused: no key yet
  fx.save_key(t.access, "sk-or-v1-metrics-secret-key");
  CHECK(fx.internal_key("openrouter", t.access).status == 200);
  CHECK(fx.internal_key("openrouter", t.access, "intruder-client").status == 403);

  auto page = fx.call("GET", "/metrics");
  REQUIRE(page.status == 200);
  CHECK(page.header("content-type").value_or("").starts_with("text/plain; version=0.0.4"));
  const std::string& text = page.body;
  CHECK(metric_sample(text, R"(http_requests_total{server="public",method="POST",route="/api/auth/login",status="401"})") == 3);
  CHECK(metric_sample(text, R"(http_requests_total{server="public",method="POST",route="/api/auth/login",status="429"})") == 1);
  CHECK(metric_sample(text, R"(http_requests_total{server="internal",method="GET",route="/internal/v1/keys/{provider}",status="200"})") == 1);
  CHECK(metric_sample(text, R"(http_request_duration_seconds_count{server="public",route="/api/auth/register"})") == 1);
  CHECK(metric_sample(text, R"(auth_login_failures_total{reason="wrong_password"})") == 2);
  CHECK(metric_sample(text, R"(auth_login_failures_total{reason="unknown_email"})") == 1);
  CHECK(metric_sample(text, R"(auth_throttled_total{kind="login"})") == 1);
  CHECK(metric_sample(text, R"(auth_key_releases_total{outcome="released",reason=""})") == 1);
  CHECK(metric_sample(text, R"(auth_key_releases_total{outcome="refused",reason="not_found"})") == 1);
  CHECK(metric_sample(text, R"(auth_key_releases_total{outcome="refused",reason="client_not_allowed"})") == 1);
  CHECK(metric_sample(text, "db_pool_open_connections") >= 1);
  CHECK(metric_sample(text, "db_pool_max_connections") >= 1);
  for (const char* secret : {"sk-or-v1", "metrics@example.com", "nobody@example.com", "not it at all"})
    CHECK(text.find(secret) == std::string::npos);
}
