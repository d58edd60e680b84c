// Run admission and launch, and waiting for a run's end.
#include "council/domain/runs.hpp"
#include "common/core/log.hpp"
#include "common/core/uuid.hpp"
#include "common/http/endpoint_guard.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/domain/usage.hpp"
#include "council/run/history.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace council::domain {

namespace {

/// Where the run's calls go: the user's custom endpoint when vetted, else OPENROUTER_BASE_URL.
common::awaitable<outcome<std::string>> base_url_for(const services& svc, std::optional<std::string> endpoint) {
  if (!endpoint) co_return svc.config.openrouter_base_url;
  auto vetted = co_await common::http::vet_endpoint(std::move(*endpoint), svc.config.upstream_allow_private);
  if (!vetted) co_return fail(errc::endpoint_refused, "Your custom API endpoint cannot be used (" + vetted.error() + ")");
  co_return std::move(*vetted);
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
  auto slot = svc.limiter.try_acquire(who.user_id);
  if (!slot) co_return fail(errc::too_many_runs);

  std::string run_id = common::random_uuid();
  auto key = co_await svc.keys.fetch(who.token, run_id);
  if (!key) co_return key.error();
  auto base_url = co_await base_url_for(svc, key->endpoint);
  if (!base_url) co_return base_url.error();

  storage::start_limits limits{svc.config.max_runs_per_user, stale_run_seconds(svc.config)};
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
  plan->system_prompt = conversation->system_prompt;
  plan->temperature = conversation->temperature;
  plan->max_tokens = conversation->max_tokens;
  plan->exclude_self_votes = conversation->exclude_self_votes;

  auto active = std::make_shared<run::active_run>();
  active->conversation_id = conversation_id;
  active->user_id = who.user_id;
  active->assistant_position = started->assistant_position;
  active->plan = std::move(plan);
  active->target = std::make_shared<const clients::upstream_target>(std::move(*base_url), std::move(key->api_key));
  active->slot.emplace(std::move(*slot));
  active->deadline = common::clock::now() + svc.config.run_timeout;
  common::log::info("council run started", {{"run_id", run_id},
                                            {"conversation_id", conversation_id},
                                            {"models", active->plan->models.size()},
                                            {"history_messages", active->plan->history.size()}});
  boost::asio::co_spawn(svc.io, run::execute_run(active, svc.upstream, svc.runs, svc.usage), boost::asio::detached);
  co_return active;
}

common::awaitable<outcome<values::council_answer>> run_answer(std::shared_ptr<run::active_run> started) {
  while (!started->channel->closed()) {
    co_await started->channel->wait(started->channel->events().size(), std::chrono::hours(1));
  }
  if (started->answer) co_return *started->answer;
  co_return *started->error;
}

}  // namespace council::domain
