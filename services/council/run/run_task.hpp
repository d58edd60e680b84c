// One detached council run: orchestrate (or re-run stage 3 alone), persist, publish the end, release the key.
#pragma once
#include "common/core/task_group.hpp"
#include "council/clients/openrouter_client.hpp"
#include "council/run/orchestrator.hpp"
#include "council/run/run_channel.hpp"
#include "council/run/run_gate.hpp"
#include "council/run/run_hub.hpp"
#include "council/run/run_limiter.hpp"
#include "council/storage/run_event_store.hpp"
#include "council/storage/run_store.hpp"
#include "council/storage/usage_store.hpp"
#include <memory>
#include <optional>
#include <string>

namespace council::run {

/// Shared state of a run between its detached coroutine and the HTTP handlers that follow it.
struct active_run {
  std::string conversation_id;
  std::string user_id;
  int assistant_position = 0;
  std::shared_ptr<const run_plan> plan;
  std::shared_ptr<const clients::upstream_target> target;  // the user's key; released when the run ends
  std::optional<run::run_limiter::slot> slot;            // released when the run ends
  std::shared_ptr<run_channel> channel = std::make_shared<run_channel>();
  common::clock::time_point deadline;
  std::shared_ptr<usage_ledger> usage = std::make_shared<usage_ledger>();  // calls not stored yet
  // Set for a synthesis retry: the stored stages that stage 3 alone runs on.
  std::optional<storage::synthesis_start> synthesis;
  // Valid once the channel is closed: the answer, or why there is none.
  std::optional<values::council_answer> answer;
  std::optional<failure> error;
};

/// What a run works with on its I/O thread (all outlive the run).
struct run_services {
  clients::openrouter_client& upstream;
  storage::run_store& runs;
  storage::run_event_store& events;
  run_hub& hub;
  storage::usage_store& usage;
  run_gate& gate;
};

/// Waits for the run's turn at `with.gate` (COUNCIL_MAX_ACTIVE_RUNS; a cancel request ends the wait, and the run
/// is cancelled), then runs the council (or, with `run->synthesis`, stage 3 alone on the stored stages) to its end
/// whatever happens to the clients watching it, while every event published is also stored (write_events).
/// Registered in the hub while it runs: a cancel request cancels its upstream calls (Asio cancellation through the
/// run's task group). At the end it stores the usage of its calls (added to the run's, before the answer, so
/// `complete` and the stored message show the same usage), then the assistant message, the title and the run's
/// completion in one statement, or the stages it finished with the status failed or cancelled (a run that failed
/// before any stage finished only records its failure); publishes `complete` (with the run's usage), `error` or
/// `cancelled`; closes the channel; drops the key (wiped, as soon as the council child ends), the run slot and its
/// turn at the gate; and returns once every event is stored. The failure it records is the orchestrator's
/// (models_failed, run_timed_out), conversation_deleted when the conversation went away meanwhile (nothing is
/// stored then), run_cancelled, or run_crashed.
common::awaitable<void> execute_run(std::shared_ptr<active_run> run, run_services with);

}  // namespace council::run
