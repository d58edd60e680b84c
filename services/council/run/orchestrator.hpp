// The three-stage council of one run (plus the title in parallel), publishing its events as it goes.
#pragma once
#include "council/clients/openrouter_client.hpp"
#include "council/errors.hpp"
#include "council/run/run_channel.hpp"
#include "council/values/chat_message.hpp"
#include "council/values/council_answer.hpp"
#include "council/values/usage.hpp"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace council::run {

/// What one run asks.
struct run_plan {
  std::string run_id;
  std::string question;
  std::vector<std::string> models;    // stage 1 and stage 2 members
  std::string lead_model;             // stage 3
  std::string title_model;            // empty: no title (not the first answer)
  std::vector<values::chat_message> history;  // earlier turns for stage 1, already trimmed
  bool stream_tokens = false;                 // publish stage1_delta / stage3_delta events
  std::optional<std::string> system_prompt;   // sent first to every stage-1 and stage-3 call
  std::optional<double> temperature;          // sent with every call
  std::optional<long long> max_tokens;        // sent with every call
  bool exclude_self_votes = false;            // aggregate rankings leave each model's vote on its own answer out
};

/// The usage of every upstream call of one run, appended as each call ends (on the run's thread).
using usage_ledger = std::vector<values::call_usage>;

/// A council that reached its answer.
struct finished_council {
  values::council_answer answer;
  std::optional<std::string> title;  // set when the plan asked for one
};

/// Runs stage 1 (every model in parallel), stage 2 (every model ranks the labelled answers), stage 3
/// (the lead synthesises) and, when `plan.title_model` is set, the title in parallel as a child the run owns:
/// when the stages fail or throw, the title call is cancelled and awaited before this returns, so nothing of the
/// run (the user's key in `target` included) outlives it. Publishes
/// stage*_start, stage*_complete and title_complete to `channel` (with `plan.stream_tokens`, also each answering
/// model's stage1_delta / stage3_delta events before its stage's complete event); the caller publishes complete or
/// error. An answer cut at the upstream cap is kept and listed in metadata.errors with status 0.
/// Every call's usage (failed calls count zeros) is appended to `usage`, whatever the outcome.
/// No upstream call starts after `deadline`. models_failed (detail: describe_failures) when stage 1 or the lead
/// has no answer, run_timed_out when that happened because `deadline` passed.
common::awaitable<outcome<finished_council>> run_council(std::shared_ptr<const run_plan> plan,
                                                         std::shared_ptr<const clients::upstream_target> target,
                                                         clients::openrouter_client& upstream,
                                                         std::shared_ptr<run_channel> channel,
                                                         common::clock::time_point deadline,
                                                         std::shared_ptr<usage_ledger> usage);

/// The lead model's synthesis, and the report of its answer cut at the upstream cap, when it was.
struct synthesis {
  values::stage3_result result;
  std::optional<values::model_error> cut;
};

/// Stage 3 alone on `stage1` and `stage2` (stored, or just finished by run_council; read, never copied, so they
/// must outlive the call): publishes stage3_start,
/// stage3_delta events (with `plan.stream_tokens`) and stage3_complete; the lead's call is asked with the plan's
/// system prompt and settings and its usage is appended to `usage` (stage "stage3"). models_failed (or
/// run_timed_out) when the lead model gives no answer.
common::awaitable<outcome<synthesis>> run_synthesis(std::shared_ptr<const run_plan> plan,
                                                    std::shared_ptr<const clients::upstream_target> target,
                                                    clients::openrouter_client& upstream, std::shared_ptr<run_channel> channel,
                                                    common::clock::time_point deadline,
                                                    const std::vector<values::stage1_result>& stage1,
                                                    const std::vector<values::stage2_result>& stage2,
                                                    std::shared_ptr<usage_ledger> usage);

/// "All models failed to respond: <model> (<status>: <message>); ..." for a stage with no answer.
std::string describe_failures(std::string_view headline, const std::vector<values::model_error>& errors);

}  // namespace council::run
