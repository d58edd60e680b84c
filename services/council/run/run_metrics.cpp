// Run outcome counters, duration histograms and the in-flight gauge in the process registry.
#include "council/run/run_metrics.hpp"
#include <string>

namespace council::run {

void record_run(std::string_view outcome, std::chrono::steady_clock::duration elapsed) {
  auto& registry = common::metrics::global();
  registry.count("council_runs_total", "Council runs finished, by outcome.", {"outcome"}, {std::string(outcome)});
  registry.observe("council_run_duration_seconds", "Wall time of a council run from start to its final event, by outcome.",
                   {"outcome"}, {std::string(outcome)}, std::chrono::duration<double>(elapsed).count());
}

common::metrics::registration watch_runs_in_flight(std::function<int()> count) {
  return common::metrics::global().gauge("council_runs_in_flight", "Council runs currently running in this replica.",
                                         [count = std::move(count)] { return static_cast<double>(count()); });
}

common::metrics::registration watch_runs_waiting(std::function<std::size_t()> count) {
  return common::metrics::global().gauge("council_runs_waiting",
                                         "Council runs waiting for their turn (COUNCIL_MAX_ACTIVE_RUNS) in this replica.",
                                         [count = std::move(count)] { return static_cast<double>(count()); });
}

}  // namespace council::run
