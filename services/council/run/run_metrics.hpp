// Prometheus series for council runs: outcome counts, durations, the number of runs in flight and of runs waiting.
#pragma once
#include "common/metrics/registry.hpp"
#include <chrono>
#include <cstddef>
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

/// Registers council_runs_waiting (runs waiting for their turn at the run gate, COUNCIL_MAX_ACTIVE_RUNS), read from
/// `count` at scrape time while the returned handle lives (destroy it before what `count` reads).
[[nodiscard]] common::metrics::registration watch_runs_waiting(std::function<std::size_t()> count);

}  // namespace council::run
