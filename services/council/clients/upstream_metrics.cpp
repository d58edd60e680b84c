// Upstream call counters and latency histograms in the process registry.
#include "clients/upstream_metrics.hpp"
#include "common/metrics/registry.hpp"

namespace council::clients {

void record_upstream_try(const std::string& model, std::string_view status, std::chrono::steady_clock::duration elapsed) {
  auto& registry = common::metrics::global();
  registry.count("council_upstream_requests_total", "Tries of chat completion calls to the provider, by model and outcome.",
                 {"model", "status"}, {model, std::string(status)});
  registry.observe("council_upstream_request_duration_seconds", "Duration of one try of a chat completion call, by model.",
                   {"model"}, {model}, std::chrono::duration<double>(elapsed).count());
}

}  // namespace council::clients
