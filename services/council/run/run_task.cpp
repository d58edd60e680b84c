// The detached run coroutine: council or synthesis as a cancellable child, persistence, final event, cleanup.
#include "council/run/run_task.hpp"
#include "council/api.hpp"
#include "common/core/log.hpp"
#include "council/run/event_writer.hpp"
#include "council/run/events.hpp"
#include "council/run/run_metrics.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

namespace council::run {
namespace json = boost::json;

namespace {

/// The run's answer, filled by its council child (empty when the child was cancelled or crashed).
using answer_slot = std::optional<outcome<finished_council>>;

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

/// The first published event of `type`, parsed (null when there is none).
json::value published(const run_channel& channel, std::string_view type) {
  for (const auto& text : channel.events()) {
    json::value event = json::parse(text);
    if (const auto* t = event.as_object().if_contains("type"); t && t->is_string() && t->get_string() == type) return event;
  }
  return nullptr;
}

/// What to store for a run that ended in `status` without an answer: the stages its events show finished.
storage::run_end end_of(const active_run& run, std::string status, std::string error) {
  storage::run_end ended;
  ended.run_id = run.plan->run_id;
  ended.conversation_id = run.conversation_id;
  ended.assistant_position = run.assistant_position;
  ended.status = std::move(status);
  ended.error = std::move(error);
  ended.last_seq = run.channel->seq_of(run.channel->events().size());  // the terminal event, published next
  json::value stage1 = published(*run.channel, "stage1_complete");
  json::value stage2 = published(*run.channel, "stage2_complete");
  if (!stage1.is_null()) ended.stage1_json = json::serialize(stage1.at("data"));
  if (!stage2.is_null()) {
    ended.stage2_json = json::serialize(stage2.at("data"));
    ended.metadata_json = json::serialize(stage2.at("metadata"));
  }
  return ended;
}

/// True when the run has stages worth keeping: stage 1 finished, or it is a synthesis of stored stages.
bool finished_a_stage(const active_run& run) {
  return run.synthesis || !published(*run.channel, "stage1_complete").is_null();
}

/// The council child: the whole council, or stage 3 alone on the stored stages of a synthesis retry.
common::awaitable<void> council_child(std::shared_ptr<active_run> run, clients::openrouter_client& upstream,
                                      std::shared_ptr<answer_slot> out) {
  if (!run->synthesis) {
    outcome<finished_council> council =
        co_await run_council(run->plan, run->target, upstream, run->channel, run->deadline, run->usage);
    *out = std::move(council);
    co_return;
  }
  finished_council done;
  done.answer.stage1 = json::value_to<std::vector<values::stage1_result>>(run->synthesis->stage1);
  done.answer.stage2 = json::value_to<std::vector<values::stage2_result>>(run->synthesis->stage2);
  outcome<synthesis> stage3 = co_await run_synthesis(run->plan, run->target, upstream, run->channel, run->deadline,
                                                     done.answer.stage1, done.answer.stage2, run->usage);
  if (!stage3) {
    *out = stage3.error();
    co_return;
  }
  done.answer.stage3 = std::move(stage3->result);
  *out = std::move(done);
}

/// The `outcome` label of council_runs_total for a run that ended with `failed` (none: completed).
std::string_view outcome_label(const std::optional<failure>& failed) {
  if (!failed) return "completed";
  if (failed->code == errc::run_crashed) return "crashed";
  if (failed->code == errc::conversation_deleted) return "deleted";
  if (failed->code == errc::run_cancelled) return "cancelled";
  return "failed";
}

/// Waits for the run's turn at `gate` and keeps the pass in `turn` (a child of the run: cancelling the run ends the
/// wait).
common::awaitable<void> wait_turn(run_gate& gate, std::shared_ptr<std::optional<run_gate::pass>> turn) {
  run_gate::pass entered = co_await gate.enter();
  turn->emplace(std::move(entered));
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

/// The USAGE of `run` for its `complete` event: the calls of its ledger (taken before they are stored), or for a
/// synthesis retry every call of the run stored so far (its earlier stages and this synthesis), as the stored
/// message shows it.
common::awaitable<values::usage_summary> run_usage(const active_run& run, const values::usage_summary& ledger,
                                                   storage::usage_store& usage) {
  if (!run.synthesis) co_return ledger;
  std::vector<values::call_usage> calls = co_await usage.run_calls(run.plan->run_id, run.user_id);
  co_return values::summary_of(calls);
}

/// The `complete` event with `usage`: the stored metadata of a synthesis retry, else the run's.
std::string complete_event(const active_run& run, const values::run_metadata& metadata, const values::usage_summary& usage) {
  if (!run.synthesis) return events::complete(metadata, usage);
  return json::serialize(
      json::object{{"type", "complete"}, {"metadata", run.synthesis->metadata}, {"usage", json::value_from(usage)}});
}

/// Stores the run's end without an answer (best effort: logged when the database refuses).
common::awaitable<void> record_end(std::shared_ptr<active_run> run, storage::run_store& runs, failure failed) {
  try {
    if (failed.code == errc::run_cancelled) {
      storage::run_end ended = end_of(*run, "cancelled", failed.detail);
      co_await runs.end(std::move(ended));
    } else if (finished_a_stage(*run)) {
      storage::run_end ended = end_of(*run, "failed", failed.detail);
      co_await runs.end(std::move(ended));
    } else {
      co_await runs.fail(run->plan->run_id, failed.detail);
    }
  } catch (const std::exception& e) {
    common::log::error("could not record the run's end", {{"run_id", run->plan->run_id}, {"error", e.what()}});
  }
}

}  // namespace

common::awaitable<void> execute_run(std::shared_ptr<active_run> run, run_services with) {
  const std::string run_id = run->plan->run_id;
  auto started = common::clock::now();
  auto ex = co_await boost::asio::this_coro::executor;
  common::task_group writing(ex);
  writing.spawn(write_events(run->channel, run_id, with.events));
  auto council = std::make_shared<common::task_group>(ex);
  bool cancel_requested = false;
  auto turn = std::make_shared<std::optional<run_gate::pass>>();
  with.hub.add_run(run_id, [council, &cancel_requested] {
    cancel_requested = true;
    council->cancel();
  });
  std::optional<failure> failed;
  try {
    auto answer = std::make_shared<answer_slot>();
    council->spawn(wait_turn(with.gate, turn));
    co_await council->join();
    if (*turn && !cancel_requested) {
      council->spawn(council_child(run, with.upstream, answer));
      co_await council->join();
    }
    run->target.reset();
    values::usage_summary ledger = values::summary_of(*run->usage);
    co_await store_usage(run, with.usage);
    if (!*answer) {
      failed = cancel_requested ? fail(errc::run_cancelled, "The run was cancelled.")
                                : fail(errc::run_crashed, "The council run failed because of an internal error");
    } else if (**answer) {
      finished_council& result = ***answer;
      storage::run_finish done = finish_of(*run, result.answer, result.title);
      if (run->synthesis) done.metadata_json = json::serialize(run->synthesis->metadata);
      values::usage_summary spent = co_await run_usage(*run, ledger, with.usage);
      outcome<void> stored = co_await with.runs.finish(std::move(done));
      if (stored) {
        run->channel->publish(complete_event(*run, result.answer.metadata, spent));
        run->answer = std::move(result.answer);
      } else {
        failed = fail(errc::conversation_deleted, "The conversation was deleted while the council was running");
      }
    } else {
      failed = (*answer)->error();
    }
  } catch (const std::exception& e) {
    common::log::error("council run failed", {{"run_id", run_id}, {"error", e.what()}});
    failed = fail(errc::run_crashed, "The council run failed because of an internal error");
  }
  with.hub.remove_run(run_id);
  run->target.reset();
  if (!run->usage->empty()) co_await store_usage(run, with.usage);
  if (failed) {
    run->error = failed;
    if (failed->code != errc::conversation_deleted) co_await record_end(run, with.runs, *failed);
    run->channel->publish(failed->code == errc::run_cancelled ? events::cancelled() : events::error(failed->detail));
  }
  run->channel->close();
  run->slot.reset();
  turn->reset();
  const auto elapsed = common::clock::now() - started;
  record_run(outcome_label(failed), elapsed);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  common::log::info(failed ? "council run failed" : "council run completed",
                    {{"run_id", run_id}, {"ms", ms}, {"crashed", failed && failed->code == errc::run_crashed},
                     {"cancelled", failed && failed->code == errc::run_cancelled}});
  co_await writing.join();
}

}  // namespace council::run
