// One detached council run: orchestrate, persist in one transaction, publish the end, release the key.
#pragma once
#include "council/clients/openrouter_client.hpp"
#include "council/run/orchestrator.hpp"
#include "council/run/run_channel.hpp"
#include "council/run/run_limiter.hpp"
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
  // Valid once the channel is closed: the answer, or why there is none.
  std::optional<values::council_answer> answer;
  std::optional<failure> error;
};

/// Runs the council to its end whatever happens to the clients watching it: stores the usage of its calls (before
/// the answer, so `complete` and the stored message show the same usage), the assistant message, the title and the
/// run's completion in one transaction (or the run's failure), publishes `complete` (with the usage) or `error`, closes the channel, then drops the key (wiped) and the run slot. The failure it
/// records is the orchestrator's (models_failed, run_timed_out), conversation_deleted when the conversation
/// went away meanwhile (nothing is stored then), or run_crashed.
common::awaitable<void> execute_run(std::shared_ptr<active_run> run, clients::openrouter_client& upstream,
                                    storage::run_store& runs, storage::usage_store& usage);

}  // namespace council::run
