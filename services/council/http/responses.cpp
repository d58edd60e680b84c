// The one failure -> status/detail table of the council API (docs/api.md), and bearer authentication.
#include "council/http/responses.hpp"
#include "common/core/uuid.hpp"
#include "common/http/bearer.hpp"
#include "council/domain/callers.hpp"
#include "council/run/event_follower.hpp"

namespace council::http {
namespace {

struct mapping {
  int status;
  std::string_view detail;
};

mapping map(errc code) {
  switch (code) {
    case errc::invalid_token: return {401, "Invalid or expired token"};
    case errc::auth_keys_unavailable: return {503, "Authentication keys are not available yet; try again shortly"};
    case errc::revocations_stale:
      return {503, "Your sign-in cannot be checked right now because the auth service is not answering; try again shortly"};
    case errc::user_not_found: return {401, "Invalid or expired token"};
    case errc::conversation_not_found: return {404, "Conversation not found"};
    case errc::invalid_selection: return {400, "Invalid model selection"};
    case errc::invalid_input: return {422, "Invalid input"};
    case errc::too_many_runs: return {429, "Too many concurrent runs"};
    case errc::no_key: return {400, "No API key configured. Please add your OpenRouter API key in Settings."};
    case errc::key_disabled: return {400, "Your OpenRouter API key is disabled. Enable it in Settings."};
    case errc::key_service_unavailable: return {503, key_service_unavailable_detail};
    case errc::endpoint_refused: return {400, "Your custom API endpoint cannot be used"};
    case errc::models_failed: return {502, "The models failed to answer"};
    case errc::run_timed_out: return {504, "The council run took longer than its time limit"};
    case errc::conversation_deleted: return {404, "The conversation was deleted while the council was running"};
    case errc::run_crashed: return {500, "The council run failed because of an internal error"};
    case errc::account_service_unavailable: return {503, "The account service is unavailable; please try again shortly"};
    case errc::budget_reached: return {402, "This month's spending has reached your monthly budget"};
    case errc::run_not_found: return {404, "Run not found"};
    case errc::run_finished: return {409, "The run has already finished."};
    case errc::synthesis_refused: return {409, "The synthesis of this run cannot be retried."};
    case errc::run_cancelled: return {409, "The run was cancelled."};
  }
  return {500, "Internal Server Error"};
}

}  // namespace

common::http::response failure_response(const failure& f) {
  mapping m = map(f.code);
  common::http::response r = common::http::error(m.status, f.detail.empty() ? m.detail : std::string_view(f.detail));
  if (m.status == 401) r.set_header("www-authenticate", "Bearer");
  return r;
}

void mark_event_stream(common::http::response& res) {
  res.set_header("x-accel-buffering", "no");
  res.set_header("cache-control", "no-cache");
}

common::http::response run_stream(std::shared_ptr<run::active_run> run, common::clock::duration heartbeat) {
  common::http::response res;
  mark_event_stream(res);
  res.set_header("x-run-id", run->plan->run_id);
  res.stream = [run, heartbeat](common::http::event_stream& out) { return run::follow_channel(run->channel, heartbeat, out); };
  return res;
}

common::awaitable<outcome<domain::caller>> authenticate(context& ctx, const common::http::request& req) {
  std::optional<std::string> token = common::http::bearer_token(req);
  if (!token || token->empty()) co_return fail(errc::invalid_token, "Not authenticated");
  auto who = co_await domain::authenticate(ctx.svc, std::move(*token));
  co_return who;
}

outcome<std::string> conversation_id(const common::http::request& req) {
  std::string id(req.param("id"));
  if (!common::is_uuid(id)) return fail(errc::conversation_not_found);
  return id;
}

}  // namespace council::http
