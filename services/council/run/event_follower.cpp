// The two ways of following a run: its in-process channel, or its stored events woken by LISTEN/NOTIFY.
#include "council/run/event_follower.hpp"
#include "council/run/events.hpp"

namespace council::run {

namespace {

/// How long a finished run's last events may take to be stored after its status changed.
constexpr auto last_events_grace = std::chrono::seconds(1);

enum class sent { nothing, more, terminal, client_gone };

/// Sends the stored events after `run.after` and advances it; `terminal` when the last one sent ends a stream.
common::awaitable<sent> send_stored(stored_run& run, storage::run_event_store& events, common::http::event_stream& out) {
  std::vector<storage::run_event> batch = co_await events.after(run.run_id, run.after);
  for (auto& e : batch) {
    bool delivered = co_await out.send(e.payload, static_cast<std::uint64_t>(e.seq));
    if (!delivered) co_return sent::client_gone;
    run.after = e.seq;
  }
  if (batch.empty()) co_return sent::nothing;
  co_return events::is_terminal(batch.back().payload) ? sent::terminal : sent::more;
}

}  // namespace

common::awaitable<void> follow_channel(std::shared_ptr<run_channel> channel, common::clock::duration heartbeat,
                                       common::http::event_stream& out) {
  std::size_t next = 0;
  for (;;) {
    while (next < channel->events().size()) {
      std::string frame = channel->events()[next];
      const auto id = static_cast<std::uint64_t>(channel->seq_of(next));
      ++next;
      bool delivered = co_await out.send(frame, id);
      if (!delivered) co_return;
    }
    if (channel->closed()) co_return;
    bool news = co_await channel->wait(next, heartbeat);
    if (news) continue;
    bool alive = co_await out.comment("ping");
    if (!alive) co_return;
  }
}

common::awaitable<void> follow_stored(stored_run run, event_sources from, common::clock::duration heartbeat,
                                      common::http::event_stream& out) {
  std::shared_ptr<event_watch> watch = from.hub.watch(run.run_id);
  for (;;) {
    sent state = co_await send_stored(run, from.events, out);
    if (state == sent::client_gone) co_return;
    if (state != sent::more) {
      // After a terminal event only a synthesis retry of the run (running again) adds events.
      std::optional<std::string> status = co_await from.runs.status(run.run_id, run.conversation_id, run.user_id);
      if (status != "running" && state == sent::terminal) co_return;
      if (status != "running") {
        // Finished without a stored terminal event yet: its last events may be on their way, else it never had any.
        co_await watch->wait(last_events_grace);
        co_await send_stored(run, from.events, out);
        co_return;
      }
    }
    bool news = co_await watch->wait(heartbeat);
    if (news) continue;
    bool alive = co_await out.comment("ping");
    if (!alive) co_return;
  }
}

}  // namespace council::run
