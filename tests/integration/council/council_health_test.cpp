// council-service's probes and /metrics: readiness follows the database and the auth service, runs are
// counted by outcome, upstream calls by model and status.
#include "integration/council/council_fixture.hpp"
#include "support/prometheus_text.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <thread>

using namespace council_test;
using test_support::metric_sample;
namespace json = boost::json;

TEST_CASE("council /metrics counts runs by outcome and upstream tries by model and status", "[council][metrics]") {
  council_fixture stack;
  auto token = stack.user("metrics@example.com", "sk-or-v1-metrics-key-MMMMMM");
  auto id = stack.create_conversation(token);
  REQUIRE(stack.ask(id, "Counted?", token).types().back() == "complete");

  stack.configure_fake(json::parse(R"({"models": {"test/alpha": {"status": 400}, "test/beta": {"status": 400},
                                                  "test/gamma": {"status": 400}}})"));
  REQUIRE(stack.ask(id, "Fails?", token).types().back() == "error");

  // The stream ends with the final event; the run's bookkeeping finishes a moment later.
  std::string text;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10); std::chrono::steady_clock::now() < until;) {
    auto page = stack.call("GET", "/metrics");
    REQUIRE(page.status == 200);
    text = page.body;
    if (metric_sample(text, "council_runs_in_flight") == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO(text);
  CHECK(metric_sample(text, R"(council_runs_total{outcome="completed"})") == 1);
  CHECK(metric_sample(text, R"(council_runs_total{outcome="failed"})") == 1);
  CHECK(metric_sample(text, R"(council_run_duration_seconds_count{outcome="completed"})") == 1);
  CHECK(metric_sample(text, R"(council_upstream_requests_total{model="test/alpha",status="200"})") >= 2);
  CHECK(metric_sample(text, R"(council_upstream_requests_total{model="test/alpha",status="400"})") == 1);
  CHECK(metric_sample(text, R"(council_upstream_requests_total{model="test/lead",status="200"})") >= 1);
  CHECK(metric_sample(text, R"(council_upstream_request_duration_seconds_count{model="test/beta"})") >= 3);
  CHECK(metric_sample(text, "council_runs_in_flight") == 0);
  CHECK(metric_sample(text, "db_pool_open_connections") >= 1);
  CHECK(metric_sample(text,
                      R"(http_requests_total{server="council",method="POST",route="/api/conversations/{id}/message/stream",status="200"})") >= 1);
  for (const char* secret : {"sk-or-v1", "metrics@example.com", "Counted?", id.c_str()}) CHECK(text.find(secret) == std::string::npos);
}

TEST_CASE("council /readyz is 200 with database and auth up, 503 naming the auth service when it is down", "[council][health]") {
  council_fixture stack;
  auto ready = stack.call("GET", "/readyz");
  REQUIRE(ready.status == 200);
  CHECK(field(json_of(ready), "status") == "ready");
  CHECK(stack.call("GET", "/healthz").status == 200);

  stack.auth.stop();
  // A success is trusted for a few seconds (probes must not hammer the auth service); then the probe fails.
  int status = 200;
  std::string detail;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
       status == 200 && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    auto r = stack.call("GET", "/readyz");
    status = r.status;
    detail = detail_of(r);
  }
  CHECK(status == 503);
  CHECK(detail.find("Auth service") != std::string::npos);
  CHECK(stack.call("GET", "/healthz").status == 200);  // alive, only not ready

  stack.auth.restart();
  auto back = stack.call("GET", "/readyz");
  CHECK(back.status == 200);
}
