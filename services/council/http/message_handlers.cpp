// The two message endpoints: start the run, then follow it as SSE frames (X-Run-Id, ids = sequence numbers) or
// wait for its end.
#include "council/domain/runs.hpp"
#include "council/http/handlers.hpp"
#include "common/http/json_body.hpp"
#include "council/http/responses.hpp"

namespace council::http {

namespace {

/// Checks in order: bearer token (401/503), conversation id (404), JSON body (400/422), then the use case's
/// checks (domain::start_run); the started run, or the response refusing it.
awaitable<boost::system::result<std::shared_ptr<run::active_run>, response>> start(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto id = conversation_id(req);
  if (!id) co_return failure_response(id.error());
  auto in = common::http::read_body<api::message_in>(req);
  if (!in) co_return in.error();
  auto started = co_await domain::start_run(ctx.svc, std::move(*who), std::move(*id), std::move(*in));
  if (!started) co_return failure_response(started.error());
  co_return std::move(*started);
}

}  // namespace

awaitable<response> stream_message(context& ctx, request& req) {
  auto started = co_await start(ctx, req);
  if (!started) co_return started.error();
  co_return run_stream(*started, ctx.svc.config.heartbeat);
}

awaitable<response> post_message(context& ctx, request& req) {
  auto started = co_await start(ctx, req);
  if (!started) co_return started.error();
  auto answer = co_await domain::run_answer(std::move(*started));
  if (!answer) co_return failure_response(answer.error());
  co_return ok(*answer);
}

}  // namespace council::http
