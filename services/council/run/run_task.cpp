// The detached run coroutine: council, persistence, final event, cleanup.
#include "council/run/run_task.hpp"
#include "council/api.hpp"
#include "common/core/log.hpp"
#include "council/run/events.hpp"
#include "council/run/run_metrics.hpp"
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

namespace council::run {
namespace json = boost::json;

namespace {

storage::run_finish finish_of(const active_run& run, const values::council_answer& answer, const std::optional<std::string>& title) {
  storage::run_finish done;
  done.run_id = run.plan->run_id;
  done.conversation_id = run.conversation_id;
  done.assistant_position = run.assistant_position;
  done.stage1_json = json::serialize(json::value_from(answer.stage1));
  done.stage2_json = json::serialize(json::value_from(answer.stage2));
  done.stage3_json = json::serialize(json::value_from(answer.stage3));
  done.metadata_json = json::serialize(json::value_from(answer.metadata));
  done.title = title;
  return done;
}

/// The `outcome` label of council_runs_total for a run that ended with `failed` (none: completed).
std::string_view outcome_label(const std::optional<failure>& failed) {
  if (!failed) return "completed";
  if (failed->code == errc::run_crashed) return "crashed";
  if (failed->code == errc::conversation_deleted) return "deleted";
  return "failed";
}

/// Stores the calls of `run` not stored yet (they leave its ledger); a failure is logged, never thrown.
common::awaitable<void> store_usage(std::shared_ptr<active_run> run, storage::usage_store& usage) {
  std::vector<values::call_usage> calls = std::exchange(*run->usage, {});
  try {
    co_await usage.record(run->plan->run_id, run->user_id, std::move(calls));
  } catch (const std::exception& e) {
    common::log::error("could not record the run's usage", {{"run_id", run->plan->run_id}, {"error", e.what()}});
  }
}

}  // namespace

common::awaitable<void> execute_run(std::shared_ptr<active_run> run, clients::openrouter_client& upstream,
                                    storage::run_store& runs, storage::usage_store& usage) {
  const std::string run_id = run->plan->run_id;
  auto started = common::clock::now();
  std::optional<failure> failed;
  try {
    outcome<finished_council> result =
        co_await run_council(run->plan, run->target, upstream, run->channel, run->deadline, run->usage);
    run->target.reset();
    values::usage_summary spent = values::summary_of(*run->usage);
    co_await store_usage(run, usage);
    if (result) {
      storage::run_finish done = finish_of(*run, result->answer, result->title);
      outcome<void> stored = co_await runs.finish(std::move(done));
      if (stored) {
        run->channel->publish(events::complete(result->answer.metadata, spent));
        run->answer = std::move(result->answer);
      } else {
        failed = fail(errc::conversation_deleted, "The conversation was deleted while the council was running");
      }
    } else {
      failed = result.error();
    }
  } catch (const std::exception& e) {
    common::log::error("council run failed", {{"run_id", run_id}, {"error", e.what()}});
    failed = fail(errc::run_crashed, "The council run failed because of an internal error");
  }
  run->target.reset();
  if (!run->usage->empty()) co_await store_usage(run, usage);
  if (failed) {
    run->error = failed;
    run->channel->publish(events::error(failed->detail));
    if (failed->code != errc::conversation_deleted) {
      try {
        co_await runs.fail(run_id, failed->detail);
      } catch (const std::exception& e) {
        common::log::error("could not record the failed run", {{"run_id", run_id}, {"error", e.what()}});
      }
    }
  }
  run->channel->close();
  run->slot.reset();
  const auto elapsed = common::clock::now() - started;
  record_run(outcome_label(failed), elapsed);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  common::log::info(failed ? "council run failed" : "council run completed",
                    {{"run_id", run_id}, {"ms", ms}, {"crashed", failed && failed->code == errc::run_crashed}});
}

}  // namespace council::run
