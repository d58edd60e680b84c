// Council orchestration: ranged parallel fan-out per stage, error bookkeeping, the title as an owned child.
#include "council/run/orchestrator.hpp"
#include "council/run/delta_batcher.hpp"
#include "council/run/events.hpp"
#include "council/run/prompts.hpp"
#include "council/run/ranking.hpp"
#include "common/core/task_group.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>

namespace council::run {
namespace asio = boost::asio;

namespace {

/// The title, filled by the run's child coroutine (read once the child has been joined).
struct title_slot {
  std::string title;
  std::optional<values::model_error> failure;
};

values::model_error error_of(std::string stage, std::string model, const clients::call_result& r) {
  return values::model_error{std::move(stage), std::move(model), r.status, r.error};
}

/// The metadata.errors entry of an answer kept but cut at the upstream cap `cap`.
values::model_error cut_report(std::string stage, std::string model, std::size_t cap) {
  return values::model_error{std::move(stage), std::move(model), 0,
                             "Answer cut at " + std::to_string(cap) + " bytes (UPSTREAM_MAX_ANSWER_BYTES)"};
}

/// Appends the usage the provider reported for `r` (a call of `model` in `stage`; none counts 0) to `ledger`.
void count_usage(usage_ledger& ledger, std::string stage, std::string model, const clients::call_result& r) {
  const clients::upstream_usage u = r.usage.value_or(clients::upstream_usage{});
  ledger.push_back({std::move(stage), std::move(model), values::token_usage{u.prompt_tokens, u.completion_tokens, u.cost}});
}

/// Lists `r`'s answer in `errors` when it was cut at the upstream cap.
void note_cut(std::vector<values::model_error>& errors, std::string stage, std::string model,
              const clients::call_result& r, std::size_t cap) {
  if (r.content && r.cut) errors.push_back(cut_report(std::move(stage), std::move(model), cap));
}

/// How the calls of `plan` are asked: streamed or not, with the conversation's temperature and max_tokens.
clients::completion_settings settings_for(const run_plan& plan, bool stream) {
  return clients::completion_settings{stream, plan.temperature, plan.max_tokens};
}

/// A shared request of `system_prompt` (when set) and one user message (the prompt is released once serialised).
clients::shared_request user_request(std::string prompt, clients::completion_settings settings,
                                     const std::optional<std::string>& system_prompt = std::nullopt) {
  std::vector<values::chat_message> messages = with_system_prompt(system_prompt, {});
  messages.push_back({"user", std::move(prompt)});
  return clients::make_request(messages, settings);
}

/// The delta batchers of one stage (one per model, or none without stream_tokens) and the sinks that feed them.
struct stage_deltas {
  std::vector<std::shared_ptr<delta_batcher>> batchers;
  std::vector<clients::delta_sink> sinks;  // one per model; empty functions without stream_tokens

  /// Publishes the rest of every answering model's deltas (before the stage's complete event).
  void flush(const std::vector<clients::call_result>& results) {
    for (std::size_t i = 0; i < batchers.size() && i < results.size(); ++i)
      if (results[i].content) batchers[i]->flush();
  }
};

stage_deltas deltas_for(const run_plan& plan, const std::vector<std::string>& models, const std::string& type,
                        const std::shared_ptr<run_channel>& channel) {
  stage_deltas out;
  out.sinks.resize(models.size());
  if (!plan.stream_tokens) return out;
  for (std::size_t i = 0; i < models.size(); ++i) {
    auto batcher = std::make_shared<delta_batcher>(channel, type, models[i]);
    out.sinks[i] = [batcher](std::string_view piece) { batcher->add(piece); };
    out.batchers.push_back(std::move(batcher));
  }
  return out;
}

/// Asks every model of `models` the same request in parallel, each with its delta sink; results in the order
/// of `models`.
common::awaitable<std::vector<clients::call_result>> ask_all(std::shared_ptr<const clients::upstream_target> target,
                                                             clients::openrouter_client& upstream,
                                                             std::vector<std::string> models, clients::shared_request request,
                                                             common::clock::time_point deadline,
                                                             std::vector<clients::delta_sink> sinks) {
  auto ex = co_await asio::this_coro::executor;
  using op_type = decltype(asio::co_spawn(ex, std::declval<common::awaitable<clients::call_result>>(), asio::deferred));
  std::vector<op_type> ops;
  ops.reserve(models.size());
  for (std::size_t i = 0; i < models.size(); ++i)
    ops.push_back(asio::co_spawn(ex, upstream.complete(target, models[i], request, deadline, sinks[i]), asio::deferred));
  auto group = asio::experimental::make_parallel_group(std::move(ops));
  auto [order, exceptions, results] = co_await group.async_wait(asio::experimental::wait_for_all(), common::use_awaitable);
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    if (!exceptions[i]) continue;
    results[i] = clients::call_result{};
    try {
      std::rethrow_exception(exceptions[i]);
    } catch (const boost::system::system_error& e) {
      if (e.code() == asio::error::operation_aborted) throw;  // the run was cancelled: never a model's failure
      results[i].error = std::string("internal error: ") + e.what();
    } catch (const std::exception& e) {
      results[i].error = std::string("internal error: ") + e.what();
    }
  }
  co_return std::move(results);
}

common::awaitable<void> make_title(std::shared_ptr<title_slot> slot, std::shared_ptr<const clients::upstream_target> target,
                                   clients::openrouter_client& upstream, std::shared_ptr<const run_plan> plan,
                                   common::clock::time_point deadline, std::shared_ptr<usage_ledger> usage) {
  clients::shared_request request = user_request(title_prompt(plan->question), settings_for(*plan, false));
  clients::delta_sink no_deltas;
  clients::call_result r;
  try {
    clients::call_result answered = co_await upstream.complete(target, plan->title_model, request, deadline, no_deltas);
    r = std::move(answered);
  } catch (const std::exception& e) {
    r.error = std::string("internal error: ") + e.what();
  }
  count_usage(*usage, "title", plan->title_model, r);
  std::string cleaned = r.content ? clean_title(*r.content) : std::string();
  if (!r.content) slot->failure = error_of("title", plan->title_model, r);
  if (r.content && r.cut) slot->failure = cut_report("title", plan->title_model, upstream.max_answer_bytes());
  slot->title = cleaned.empty() ? fallback_title(plan->question) : cleaned;
}

/// run_timed_out once `deadline` has passed, else models_failed with `headline` and the failures of `errors`.
failure stage_failure(common::clock::time_point deadline, std::string_view headline,
                      const std::vector<values::model_error>& errors) {
  if (common::clock::now() >= deadline)
    return fail(errc::run_timed_out, "The council run took longer than its time limit and was stopped");
  return fail(errc::models_failed, describe_failures(headline, errors));
}

}  // namespace

std::string describe_failures(std::string_view headline, const std::vector<values::model_error>& errors) {
  std::string text(headline);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    text += i == 0 ? ": " : "; ";
    text += errors[i].model + " (";
    if (errors[i].status) text += std::to_string(*errors[i].status) + ": ";
    text += errors[i].message + ")";
  }
  return text;
}

namespace {

/// Stages 1 to 3 of run_council() (everything but the title).
common::awaitable<outcome<finished_council>> run_stages(std::shared_ptr<const run_plan> plan,
                                                         std::shared_ptr<const clients::upstream_target> target,
                                                         clients::openrouter_client& upstream,
                                                         std::shared_ptr<run_channel> channel,
                                                         common::clock::time_point deadline,
                                                         std::shared_ptr<usage_ledger> usage) {
  finished_council result;
  values::council_answer& answer = result.answer;
  std::vector<values::model_error>& errors = answer.metadata.errors;

  const std::size_t cap = upstream.max_answer_bytes();

  channel->publish(events::started("stage1_start"));
  clients::shared_request stage1_request;
  {
    std::vector<values::chat_message> stage1_messages = with_system_prompt(plan->system_prompt, plan->history);
    stage1_messages.push_back({"user", plan->question});
    stage1_request = clients::make_request(stage1_messages, settings_for(*plan, true));
  }
  stage_deltas stage1_deltas = deltas_for(*plan, plan->models, "stage1_delta", channel);
  auto stage1 = co_await ask_all(target, upstream, plan->models, std::move(stage1_request), deadline,
                                 std::move(stage1_deltas.sinks));
  stage1_deltas.flush(stage1);
  for (std::size_t i = 0; i < stage1.size(); ++i) {
    count_usage(*usage, "stage1", plan->models[i], stage1[i]);
    note_cut(errors, "stage1", plan->models[i], stage1[i], cap);
    if (stage1[i].content) answer.stage1.push_back({plan->models[i], std::move(*stage1[i].content)});
    else errors.push_back(error_of("stage1", plan->models[i], stage1[i]));
  }
  stage1.clear();
  if (answer.stage1.empty()) co_return stage_failure(deadline, "All models failed to respond", errors);
  channel->publish(events::stage1_complete(answer.stage1));

  channel->publish(events::started("stage2_start"));
  answer.metadata.label_to_model = assign_labels(answer.stage1);
  clients::shared_request stage2_request =
      user_request(ranking_prompt(plan->question, answer.stage1), settings_for(*plan, true));
  std::vector<clients::delta_sink> no_deltas(plan->models.size());
  auto stage2 = co_await ask_all(target, upstream, plan->models, std::move(stage2_request), deadline, std::move(no_deltas));
  for (std::size_t i = 0; i < stage2.size(); ++i) {
    count_usage(*usage, "stage2", plan->models[i], stage2[i]);
    note_cut(errors, "stage2", plan->models[i], stage2[i], cap);
    if (!stage2[i].content) {
      errors.push_back(error_of("stage2", plan->models[i], stage2[i]));
      continue;
    }
    auto parsed = parse_ranking(*stage2[i].content);
    answer.stage2.push_back({plan->models[i], std::move(*stage2[i].content), std::move(parsed)});
  }
  stage2.clear();
  answer.metadata.aggregate_rankings =
      aggregate_rankings(answer.stage2, answer.metadata.label_to_model, plan->exclude_self_votes);
  channel->publish(events::stage2_complete(answer.stage2, answer.metadata));

  outcome<synthesis> stage3 =
      co_await run_synthesis(plan, target, upstream, channel, deadline, answer.stage1, answer.stage2, usage);
  if (!stage3) co_return stage3.error();
  if (stage3->cut) errors.push_back(*stage3->cut);
  answer.stage3 = std::move(stage3->result);
  co_return result;
}

}  // namespace

common::awaitable<outcome<synthesis>> run_synthesis(std::shared_ptr<const run_plan> plan,
                                                    std::shared_ptr<const clients::upstream_target> target,
                                                    clients::openrouter_client& upstream, std::shared_ptr<run_channel> channel,
                                                    common::clock::time_point deadline,
                                                    const std::vector<values::stage1_result>& stage1,
                                                    const std::vector<values::stage2_result>& stage2,
                                                    std::shared_ptr<usage_ledger> usage) {
  channel->publish(events::started("stage3_start"));
  clients::shared_request stage3_request =
      user_request(synthesis_prompt(plan->question, stage1, stage2), settings_for(*plan, true), plan->system_prompt);
  std::vector<std::string> leads{plan->lead_model};
  stage_deltas stage3_deltas = deltas_for(*plan, leads, "stage3_delta", channel);
  clients::call_result lead = co_await upstream.complete(target, plan->lead_model, std::move(stage3_request), deadline,
                                                         std::move(stage3_deltas.sinks.front()));
  count_usage(*usage, "stage3", plan->lead_model, lead);
  if (!lead.content) {
    std::vector<values::model_error> lead_failure{error_of("stage3", plan->lead_model, lead)};
    co_return stage_failure(deadline, "The lead model failed to synthesize the final answer", lead_failure);
  }
  if (!stage3_deltas.batchers.empty()) stage3_deltas.batchers.front()->flush();
  synthesis out;
  std::vector<values::model_error> cut;
  note_cut(cut, "stage3", plan->lead_model, lead, upstream.max_answer_bytes());
  if (!cut.empty()) out.cut = std::move(cut.front());
  out.result = {plan->lead_model, std::move(*lead.content)};
  channel->publish(events::stage3_complete(out.result));
  co_return out;
}

common::awaitable<outcome<finished_council>> run_council(std::shared_ptr<const run_plan> plan,
                                                         std::shared_ptr<const clients::upstream_target> target,
                                                         clients::openrouter_client& upstream,
                                                         std::shared_ptr<run_channel> channel,
                                                         common::clock::time_point deadline,
                                                         std::shared_ptr<usage_ledger> usage) {
  // A cancelled run still joins its title child below; the cancelled call itself ends the stages (operation_aborted).
  co_await asio::this_coro::throw_if_cancelled(false);
  common::task_group children(co_await asio::this_coro::executor);
  std::shared_ptr<title_slot> title;
  if (!plan->title_model.empty()) {
    title = std::make_shared<title_slot>();
    children.spawn(make_title(title, target, upstream, plan, deadline, usage));
  }
  std::optional<outcome<finished_council>> result;
  std::exception_ptr crashed;
  try {
    outcome<finished_council> staged = co_await run_stages(plan, target, upstream, channel, deadline, usage);
    result = std::move(staged);
  } catch (...) {
    crashed = std::current_exception();
  }
  if (crashed || !*result) {
    co_await children.cancel_and_join();
    if (crashed) std::rethrow_exception(crashed);
    co_return std::move(*result);
  }
  co_await children.join();
  if (title) {
    if (title->failure) (*result)->answer.metadata.errors.push_back(*title->failure);
    (*result)->title = title->title;
    channel->publish(events::title_complete(title->title));
  }
  co_return std::move(*result);
}

}  // namespace council::run
