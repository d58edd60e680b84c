// The built-in probe answers: no Beast here, only response values.
#include "common/http/probes.hpp"
#include "common/metrics/registry.hpp"

namespace common::http {

response healthz_response() {
  boost::json::object ok;
  ok["status"] = "ok";
  return json(200, ok);
}

awaitable<response> readyz_response(const std::vector<readiness_check>& checks) {
  for (const auto& check : checks) {
    std::optional<std::string> problem = co_await check();
    if (problem) co_return error(503, *problem);
  }
  boost::json::object ready;
  ready["status"] = "ready";
  co_return json(200, ready);
}

response metrics_response() {
  response res;
  res.status = 200;
  res.body = metrics::global().render();
  res.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  res.set_header("Cache-Control", "no-store");
  return res;
}

}  // namespace common::http
