// The Prometheus text exposition of counters, histograms and scrape-time gauges.
#include "common/metrics/registry.hpp"
#include <catch2/catch.hpp>

TEST_CASE("counters, histograms and callbacks render in Prometheus text format", "[metrics]") {
  common::metrics::registry r;
  r.count("http_requests_total", "Requests.", {"route", "status"}, {"/api/x", "200"});
  r.count("http_requests_total", "Requests.", {"route", "status"}, {"/api/x", "200"}, 2);
  r.observe("http_request_seconds", "Latency.", {"route"}, {"/api/x"}, 0.02);
  r.gauge_callback("db_pool_size", "Open connections.", [] { return 4.0; });
  std::string text = r.render();
  CHECK(text.find("# TYPE http_requests_total counter\n") != std::string::npos);
  CHECK(text.find("http_requests_total{route=\"/api/x\",status=\"200\"} 3\n") != std::string::npos);
  CHECK(text.find("http_request_seconds_bucket{route=\"/api/x\",le=\"0.01\"} 0\n") != std::string::npos);
  CHECK(text.find("http_request_seconds_bucket{route=\"/api/x\",le=\"0.025\"} 1\n") != std::string::npos);
  CHECK(text.find("http_request_seconds_count{route=\"/api/x\"} 1\n") != std::string::npos);
  CHECK(text.find("db_pool_size 4\n") != std::string::npos);
}

TEST_CASE("label values are escaped", "[metrics]") {
  common::metrics::registry r;
  r.count("x_total", "X.", {"model"}, {"a\"b\\c"});
  CHECK(r.render().find("x_total{model=\"a\\\"b\\\\c\"} 1") != std::string::npos);
}
