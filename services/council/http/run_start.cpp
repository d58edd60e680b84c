// Run admission and launch: nothing is written and no key is fetched until the cheaper checks pass.
#include "council/http/run_start.hpp"
#include "common/http/endpoint_guard.hpp"
#include "common/core/log.hpp"
#include "common/core/uuid.hpp"
#include "council/council/history.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/http/conversation_handlers.hpp"
#include "council/http/json_body.hpp"
#include "council/http/request_auth.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

namespace council::http {
namespace json = boost::json;
using common::http::response;

namespace {

constexpr std::string_view no_key_detail = "No API key configured. Please add your OpenRouter API key in Settings.";
constexpr std::string_view disabled_key_detail = "Your OpenRouter API key is disabled. Enable it in Settings.";

run_start_outcome refuse(response r) { return run_start_outcome{nullptr, std::move(r)}; }

response too_many_runs() { return common::http::error(429, "Too many concurrent runs"); }

std::optional<response> key_refusal(clients::key_error e) {
  switch (e) {
    case clients::key_error::no_key: return common::http::error(400, no_key_detail);
    case clients::key_error::disabled: return common::http::error(400, disabled_key_detail);
    case clients::key_error::unauthorized: return unauthorized("Invalid or expired token");
    case clients::key_error::refused:
    case clients::key_error::unavailable: break;
  }
  return common::http::error(503, "The key service is unavailable; please try again shortly");
}

}  // namespace

common::awaitable<run_start_outcome> start_run(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return refuse(who.refusal);
  std::string conversation_id(req.param("id"));
  if (!common::is_uuid(conversation_id)) co_return refuse(conversation_not_found());

  json::object body;
  if (auto bad = read_object(req, false, body)) co_return refuse(*bad);
  field_error err;
  auto content = string_field(body, "content", err);
  if (err.response) co_return refuse(*err.response);
  if (!content) co_return refuse(common::http::error(422, "content: field required"));
  if (auto problem = domain::content_problem(*content, ctx.config.max_content_chars))
    co_return refuse(common::http::error(422, *problem));

  auto conversation = co_await ctx.conversations.find(conversation_id, *who.user_id);
  if (!conversation) co_return refuse(conversation_not_found());
  auto slot = ctx.limiter.try_acquire(*who.user_id);
  if (!slot) co_return refuse(too_many_runs());

  std::string run_id = common::random_uuid();
  auto key = co_await ctx.keys.fetch(who.token, run_id);
  if (!key) co_return refuse(*key_refusal(key.error()));
  std::string base_url = ctx.config.openrouter_base_url;
  if (key->endpoint) {
    auto vetted = co_await common::http::vet_endpoint(*key->endpoint, ctx.config.upstream_allow_private);
    if (!vetted) co_return refuse(common::http::error(400, "Your custom API endpoint cannot be used (" + vetted.error() + ")"));
    base_url = *vetted;
  }

  storage::start_limits limits{ctx.config.max_runs_per_user, stale_run_seconds(ctx.config)};
  auto started = co_await ctx.runs.start(run_id, conversation_id, *who.user_id, *content, limits);
  if (!started && started.error() == storage::start_refusal::too_many_runs) co_return refuse(too_many_runs());
  if (!started) co_return refuse(conversation_not_found());

  auto plan = std::make_shared<council::run_plan>();
  plan->run_id = run_id;
  plan->question = std::move(*content);
  plan->models = conversation->models;
  plan->lead_model = conversation->lead_model;
  plan->title_model = started->first_answer ? ctx.config.models.title_model : std::string();
  plan->history = council::history_messages(council::turns_of(started->earlier), ctx.config.history_chars);

  auto run = std::make_shared<council::active_run>();
  run->conversation_id = conversation_id;
  run->user_id = *who.user_id;
  run->assistant_position = started->assistant_position;
  run->plan = std::move(plan);
  run->target = std::make_shared<const clients::upstream_target>(std::move(base_url), std::move(key->api_key));
  run->slot.emplace(std::move(*slot));
  run->deadline = common::clock::now() + ctx.config.run_timeout;
  common::log::info("council run started", {{"run_id", run_id},
                                            {"conversation_id", conversation_id},
                                            {"models", run->plan->models.size()},
                                            {"history_messages", run->plan->history.size()}});
  boost::asio::co_spawn(ctx.io, council::execute_run(run, ctx.upstream, ctx.runs), boost::asio::detached);
  co_return run_start_outcome{run, std::nullopt};
}

}  // namespace council::http
