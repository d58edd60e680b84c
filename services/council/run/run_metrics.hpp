// Prometheus series for council runs: outcome counts, durations and the number of runs in flight.
#pragma once
#include "common/metrics/registry.hpp"
#include <chrono>
#include <functional>
#include <string_view>

namespace council::run {

/// Counts a finished run in council_runs_total{outcome} and its duration in council_run_duration_seconds{outcome}.
/// Outcomes: completed, failed (no usable answer, lead model failed, time limit), deleted (the conversation went
/// away mid-run), crashed (internal error).
void record_run(std::string_view outcome, std::chrono::steady_clock::duration elapsed);

/// Registers council_runs_in_flight, read from `count` at scrape time while the returned handle lives
/// (destroy it before what `count` reads).
[[nodiscard]] common::metrics::registration watch_runs_in_flight(std::function<int()> count);

}  // namespace council::run
