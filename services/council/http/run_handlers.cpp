// The run paths: follow a run's stored events (reattach), cancel a run, re-run a run's synthesis.
#include "common/http/json_body.hpp"
#include "council/domain/runs.hpp"
#include "council/http/handlers.hpp"
#include "council/http/responses.hpp"

namespace council::http {

namespace {

/// Last-Event-ID from the header, else from the query parameter last_event_id.
std::optional<std::string> last_event_id(const request& req) {
  if (auto header = req.header("last-event-id")) return std::string(*header);
  return req.query_param("last_event_id");
}

}  // namespace

awaitable<response> follow_run_events(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto id = conversation_id(req);
  if (!id) co_return failure_response(id.error());
  std::optional<std::string> after = last_event_id(req);
  std::string run_id(req.param("run_id"));
  auto found = co_await domain::find_run(ctx.svc, std::move(*who), std::move(*id), std::move(run_id), std::move(after));
  if (!found) co_return failure_response(found.error());
  response res;
  mark_event_stream(res);
  res.set_header("x-run-id", found->run_id);
  run::event_sources from{ctx.svc.run_events, ctx.svc.runs, ctx.svc.hub};
  auto heartbeat = ctx.svc.config.heartbeat;
  res.stream = [run = std::move(*found), from, heartbeat](common::http::event_stream& out) {
    return run::follow_stored(run, from, heartbeat, out);
  };
  co_return res;
}

awaitable<response> cancel_run(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto id = conversation_id(req);
  if (!id) co_return failure_response(id.error());
  std::string run_id(req.param("run_id"));
  auto cancelling = co_await domain::cancel_run(ctx.svc, std::move(*who), std::move(*id), std::move(run_id));
  if (!cancelling) co_return failure_response(cancelling.error());
  co_return common::http::json(202, boost::json::value_from(*cancelling));
}

awaitable<response> stream_synthesis(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto id = conversation_id(req);
  if (!id) co_return failure_response(id.error());
  auto in = common::http::read_body<api::synthesis_in>(req, common::http::blank_body::empty_object);
  if (!in) co_return in.error();
  std::string run_id(req.param("run_id"));
  auto started = co_await domain::start_synthesis(ctx.svc, std::move(*who), std::move(*id), std::move(run_id), std::move(*in));
  if (!started) co_return failure_response(started.error());
  co_return run_stream(*started, ctx.svc.config.heartbeat);
}

}  // namespace council::http
