// The server's request metrics: bounded labels (route pattern, known methods) and the /metrics response.
#include "common/http/request_metrics.hpp"
#include "support/prometheus_text.hpp"
#include <catch2/catch.hpp>

using common::http::request;

TEST_CASE("requests are counted by route pattern, never by raw path or unknown method", "[http][metrics]") {
  request matched;
  matched.method = "GET";
  matched.path = "/api/conversations/6f0c2a4e-0000-4000-8000-000000000001";
  matched.route = "/api/conversations/{id}";
  request unmatched;
  unmatched.method = "BREW";
  unmatched.path = "/no/such/thing?secret=1";

  const auto before = test_support::metric_sample(common::http::metrics_response().body,
      R"(http_requests_total{server="unit",method="GET",route="/api/conversations/{id}",status="200"})");
  common::http::record_request("unit", matched, 200, 0.004);
  common::http::record_request("unit", matched, 200, 0.2);
  common::http::record_request("unit", unmatched, 404, 0.001);

  auto page = common::http::metrics_response();
  CHECK(page.status == 200);
  std::string content_type;
  for (const auto& [name, value] : page.headers)
    if (name == "Content-Type" || name == "content-type") content_type = value;
  CHECK(content_type.rfind("text/plain; version=0.0.4", 0) == 0);
  CHECK(test_support::metric_sample(page.body,
            R"(http_requests_total{server="unit",method="GET",route="/api/conversations/{id}",status="200"})") ==
        before.value_or(0) + 2);
  CHECK(test_support::metric_sample(page.body,
            R"(http_requests_total{server="unit",method="OTHER",route="unmatched",status="404"})") >= 1);
  CHECK(page.body.find("6f0c2a4e") == std::string::npos);
  CHECK(page.body.find("/no/such/thing") == std::string::npos);
  CHECK(test_support::metric_sample(page.body,
            R"(http_request_duration_seconds_bucket{server="unit",route="/api/conversations/{id}",le="+Inf"})") >= 2);
}

TEST_CASE("metric_sample finds exact series only", "[support]") {
  const std::string page = "# HELP a_total x\n# TYPE a_total counter\na_total{k=\"v\"} 3\na_total{k=\"vv\"} 5\nb 1.5\n";
  CHECK(test_support::metric_sample(page, R"(a_total{k="v"})") == 3);
  CHECK(test_support::metric_sample(page, R"(a_total{k="vv"})") == 5);
  CHECK(test_support::metric_sample(page, "b") == 1.5);
  CHECK_FALSE(test_support::metric_sample(page, "a_total"));
}
