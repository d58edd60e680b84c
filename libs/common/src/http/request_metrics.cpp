// Request counters and latency histograms recorded by the server.
#include "common/http/request_metrics.hpp"
#include "common/metrics/registry.hpp"
#include <string>

namespace common::http {

namespace {

// Methods outside this set are folded into "OTHER" so a client cannot grow the series without bound.
std::string method_label(std::string_view method) {
  for (std::string_view known : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}) {
    if (method == known) return std::string(known);
  }
  return "OTHER";
}

}  // namespace

void record_request(std::string_view server, const request& req, int status, double seconds) {
  auto& registry = metrics::global();
  const std::string route = req.route.empty() ? "unmatched" : req.route;
  registry.count("http_requests_total", "HTTP requests answered, by server, method, route and status.",
                 {"server", "method", "route", "status"},
                 {std::string(server), method_label(req.method), route, std::to_string(status)});
  registry.observe("http_request_duration_seconds",
                   "Time from the request head to the end of the response (whole stream for SSE), by route.",
                   {"server", "route"}, {std::string(server), route}, seconds);
}

}  // namespace common::http
