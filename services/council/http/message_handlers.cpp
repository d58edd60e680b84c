// The two message endpoints: follow the detached run as SSE frames, or wait for its end.
#include "council/http/message_handlers.hpp"
#include "council/api.hpp"
#include "common/http/event_stream.hpp"
#include "council/http/run_start.hpp"
#include <boost/json/value_from.hpp>

namespace council::http {
using common::http::response;

namespace {

/// Sends every event of the run as it is published, `: ping` after each quiet `heartbeat`, until
/// the run ends or the client goes away (the run goes on either way).
common::awaitable<void> follow_run(std::shared_ptr<run::active_run> run, common::clock::duration heartbeat,
                                   common::http::event_stream& out) {
  std::size_t next = 0;
  for (;;) {
    while (next < run->channel->events().size()) {
      std::string frame = run->channel->events()[next++];
      bool sent = co_await out.send(frame);
      if (!sent) co_return;
    }
    if (run->channel->closed()) co_return;
    bool news = co_await run->channel->wait(next, heartbeat);
    if (news) continue;
    bool alive = co_await out.comment("ping");
    if (!alive) co_return;
  }
}

}  // namespace

common::awaitable<response> stream_message(context& ctx, common::http::request& req) {
  run_start_outcome started = co_await start_run(ctx, req);
  if (started.refusal) co_return *started.refusal;
  response res;
  res.set_header("x-accel-buffering", "no");
  res.set_header("cache-control", "no-cache");
  auto run = started.run;
  auto heartbeat = ctx.config.heartbeat;
  res.stream = [run, heartbeat](common::http::event_stream& out) { return follow_run(run, heartbeat, out); };
  co_return res;
}

common::awaitable<response> post_message(context& ctx, common::http::request& req) {
  run_start_outcome started = co_await start_run(ctx, req);
  if (started.refusal) co_return *started.refusal;
  auto run = started.run;
  while (!run->channel->closed()) {
    co_await run->channel->wait(run->channel->events().size(), std::chrono::hours(1));
  }
  if (run->answer) co_return common::http::json(200, boost::json::value_from(*run->answer));
  co_return common::http::error(run->error_status, run->error);
}

}  // namespace council::http
