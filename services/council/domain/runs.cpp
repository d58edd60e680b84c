// Run admission and launch, waiting for a run's end, and the run paths: follow, cancel, synthesis retry.
#include "council/domain/runs.hpp"
#include "common/core/log.hpp"
#include "common/core/uuid.hpp"
#include "common/http/endpoint_guard.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/domain/usage.hpp"
#include "council/run/history.hpp"
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <charconv>

namespace council::domain {

namespace {

/// Where the run's calls go: the user's custom endpoint when vetted (with the addresses vetted), else
/// OPENROUTER_BASE_URL.
common::awaitable<outcome<common::http::vetted_target>> base_url_for(const services& svc, std::optional<std::string> endpoint) {
  if (!endpoint) co_return common::http::vetted_target{svc.config.openrouter_base_url, {}};
  auto vetted = co_await common::http::vet_endpoint(std::move(*endpoint), svc.config.upstream_allow_private);
  if (!vetted) co_return fail(errc::endpoint_refused, "Your custom API endpoint cannot be used (" + vetted.error() + ")");
  co_return std::move(*vetted);
}

/// The caller's key for run `run_id` and where its calls go (no_key, key_disabled, invalid_token,
/// key_service_unavailable, endpoint_refused).
common::awaitable<outcome<std::shared_ptr<const clients::upstream_target>>> target_for(const services& svc, caller who,
                                                                                      std::string run_id) {
  auto key = co_await svc.keys.fetch(who.token, run_id);
  if (!key) co_return key.error();
  auto base_url = co_await base_url_for(svc, key->endpoint);
  if (!base_url) co_return base_url.error();
  co_return std::make_shared<const clients::upstream_target>(std::move(base_url->base_url), std::move(key->api_key),
                                                             std::move(base_url->addresses));
}

/// The run limits run_store::start checks (COUNCIL_MAX_RUNS_PER_USER, the stale-run window).
storage::start_limits start_limits_of(const services& svc) {
  return storage::start_limits{svc.config.max_runs_per_user, stale_run_seconds(svc.config)};
}

/// Stores the question of run `run_id`, refused because the key service did not release the key, with a failed
/// assistant message (no stages, error key_service_unavailable_detail), so the question survives the outage. The
/// failure to answer: key_service_unavailable with that detail, or the refusal of the question's storage
/// (conversation_not_found, too_many_runs across replicas: then nothing is stored). A database failure is logged.
common::awaitable<failure> record_key_service_outage(services& svc, std::string run_id, std::string conversation_id,
                                                     std::string user_id, std::string question) {
  failure refused = fail(errc::key_service_unavailable, std::string(key_service_unavailable_detail));
  try {
    storage::start_limits limits = start_limits_of(svc);
    auto started = co_await svc.runs.start(run_id, conversation_id, std::move(user_id), std::move(question), limits);
    if (!started) co_return started.error();
    storage::run_end ended;
    ended.run_id = run_id;
    ended.conversation_id = std::move(conversation_id);
    ended.assistant_position = started->assistant_position;
    ended.status = "failed";
    ended.error = refused.detail;
    co_await svc.runs.end(std::move(ended));
    common::log::info("council run failed at start: key service unavailable", {{"run_id", run_id}});
  } catch (const std::exception& e) {
    common::log::error("could not record the run refused for the key service", {{"run_id", run_id}, {"error", e.what()}});
  }
  co_return refused;
}

/// The shared state of a run about to start.
std::shared_ptr<run::active_run> active_run_of(std::string conversation_id, std::string user_id, int assistant_position,
                                               std::shared_ptr<run::run_plan> plan,
                                               std::shared_ptr<const clients::upstream_target> target,
                                               run::run_limiter::slot slot) {
  auto active = std::make_shared<run::active_run>();
  active->conversation_id = std::move(conversation_id);
  active->user_id = std::move(user_id);
  active->assistant_position = assistant_position;
  active->plan = std::move(plan);
  active->target = std::move(target);
  active->slot.emplace(std::move(slot));
  return active;
}

/// Copies the council settings of `conversation` into `plan` (sent with the run's calls).
void with_settings_of(const api::conversation_head& conversation, run::run_plan& plan) {
  plan.system_prompt = conversation.system_prompt;
  plan.temperature = conversation.temperature;
  plan.max_tokens = conversation.max_tokens;
  plan.exclude_self_votes = conversation.exclude_self_votes;
}

/// Starts `active` on `svc.io` with the run time limit; it goes on whether or not anyone follows it.
void launch(services& svc, std::shared_ptr<run::active_run> active) {
  active->deadline = common::clock::now() + svc.config.run_timeout;
  run::run_services with{svc.upstream, svc.runs, svc.run_events, svc.hub, svc.usage};
  boost::asio::co_spawn(svc.io, run::execute_run(std::move(active), with), boost::asio::detached);
}

/// `text` as a non-negative sequence number.
std::optional<int> sequence_number(const std::string& text) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0 || text.empty()) return std::nullopt;
  return n;
}

}  // namespace

common::awaitable<outcome<std::shared_ptr<run::active_run>>> start_run(services& svc, caller who,
                                                                       std::string conversation_id, api::message_in in) {
  if (!in.content) co_return fail(errc::invalid_input, "content: field required");
  if (auto problem = content_problem(*in.content, svc.config.max_content_chars))
    co_return fail(errc::invalid_input, std::move(*problem));
  if (!common::is_uuid(conversation_id)) co_return fail(errc::conversation_not_found);
  auto conversation = co_await svc.conversations.find(conversation_id, who.user_id);
  if (!conversation) co_return fail(errc::conversation_not_found);
  auto within_budget = co_await check_budget(svc, who.user_id);
  if (!within_budget) co_return within_budget.error();
  std::string run_id = common::random_uuid();
  auto slot = svc.limiter.try_acquire(who.user_id, run_id);
  if (!slot) co_return fail(errc::too_many_runs);

  auto target = co_await target_for(svc, who, run_id);
  if (!target && target.error().code == errc::key_service_unavailable)
    co_return co_await record_key_service_outage(svc, run_id, conversation_id, who.user_id, std::move(*in.content));
  if (!target) co_return target.error();

  storage::start_limits limits = start_limits_of(svc);
  auto started = co_await svc.runs.start(run_id, conversation_id, who.user_id, *in.content, limits);
  if (!started) co_return started.error();

  auto plan = std::make_shared<run::run_plan>();
  plan->run_id = run_id;
  plan->question = std::move(*in.content);
  plan->models = conversation->models;
  plan->lead_model = conversation->lead_model;
  plan->title_model = started->first_answer ? svc.config.models.title_model : std::string();
  plan->history = run::history_messages(run::turns_of(started->earlier), svc.config.history_chars);
  plan->stream_tokens = in.stream_tokens.value_or(false);
  with_settings_of(*conversation, *plan);

  auto active = active_run_of(conversation_id, who.user_id, started->assistant_position, std::move(plan),
                              std::move(*target), std::move(*slot));
  common::log::info("council run started", {{"run_id", run_id},
                                            {"conversation_id", conversation_id},
                                            {"models", active->plan->models.size()},
                                            {"history_messages", active->plan->history.size()}});
  launch(svc, active);
  co_return active;
}

common::awaitable<outcome<values::council_answer>> run_answer(std::shared_ptr<run::active_run> started) {
  while (!started->channel->closed()) {
    co_await started->channel->wait(started->channel->events().size(), std::chrono::hours(1));
  }
  if (started->answer) co_return *started->answer;
  co_return *started->error;
}

common::awaitable<outcome<run::stored_run>> find_run(services& svc, caller who, std::string conversation_id,
                                                    std::string run_id, std::optional<std::string> last_event_id) {
  if (!common::is_uuid(run_id)) co_return fail(errc::run_not_found);
  run::stored_run found{run_id, conversation_id, who.user_id, 0};
  if (last_event_id) {
    auto after = sequence_number(*last_event_id);
    if (!after) co_return fail(errc::invalid_input, "Last-Event-ID: must be a non-negative integer");
    found.after = *after;
  }
  if (!common::is_uuid(conversation_id)) co_return fail(errc::conversation_not_found);
  auto conversation = co_await svc.conversations.find(conversation_id, who.user_id);
  if (!conversation) co_return fail(errc::conversation_not_found);
  auto status = co_await svc.runs.status(std::move(run_id), std::move(conversation_id), std::move(who.user_id));
  if (!status) co_return fail(errc::run_not_found);
  co_return found;
}

common::awaitable<outcome<api::cancel_out>> cancel_run(services& svc, caller who, std::string conversation_id,
                                                       std::string run_id) {
  auto found = co_await find_run(svc, who, std::move(conversation_id), run_id, std::nullopt);
  if (!found) co_return found.error();
  auto status = co_await svc.runs.status(run_id, found->conversation_id, found->user_id);
  if (status != "running") co_return fail(errc::run_finished);
  co_await svc.run_events.request_cancel(run_id);
  common::log::info("council run cancel requested", {{"run_id", run_id}});
  co_return api::cancel_out{"cancelling", std::move(run_id)};
}

common::awaitable<outcome<std::shared_ptr<run::active_run>>> start_synthesis(services& svc, caller who,
                                                                             std::string conversation_id,
                                                                             std::string run_id, api::synthesis_in in) {
  if (!common::is_uuid(run_id)) co_return fail(errc::run_not_found);
  const auto& known = svc.config.models.models;
  if (in.lead_model && std::find(known.begin(), known.end(), *in.lead_model) == known.end())
    co_return fail(errc::invalid_selection, "Invalid lead model: " + *in.lead_model);
  if (!common::is_uuid(conversation_id)) co_return fail(errc::conversation_not_found);
  auto conversation = co_await svc.conversations.find(conversation_id, who.user_id);
  if (!conversation) co_return fail(errc::conversation_not_found);
  auto within_budget = co_await check_budget(svc, who.user_id);
  if (!within_budget) co_return within_budget.error();
  auto slot = svc.limiter.try_acquire(who.user_id, run_id);
  if (!slot) co_return fail(errc::too_many_runs);
  auto target = co_await target_for(svc, who, run_id);
  if (!target) co_return target.error();
  auto claimed = co_await svc.runs.claim_synthesis(run_id, conversation_id, who.user_id);
  if (!claimed) co_return claimed.error();

  auto plan = std::make_shared<run::run_plan>();
  plan->run_id = run_id;
  plan->question = claimed->question;
  plan->models = conversation->models;
  plan->lead_model = in.lead_model ? std::move(*in.lead_model) : conversation->lead_model;
  plan->stream_tokens = in.stream_tokens.value_or(false);
  with_settings_of(*conversation, *plan);

  auto active = active_run_of(conversation_id, who.user_id, claimed->assistant_position, std::move(plan),
                              std::move(*target), std::move(*slot));
  active->channel = std::make_shared<run::run_channel>(claimed->last_seq + 1);
  active->synthesis = std::move(*claimed);
  common::log::info("council synthesis started", {{"run_id", run_id}, {"lead_model", active->plan->lead_model}});
  launch(svc, active);
  co_return active;
}

}  // namespace council::domain
