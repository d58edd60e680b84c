// The run's database writer: one more reader of the channel, appending what it has not stored yet.
#include "council/run/event_writer.hpp"
#include "common/core/log.hpp"
#include <chrono>

namespace council::run {

namespace {
constexpr int max_tries = 3;
constexpr auto retry_pause = std::chrono::milliseconds(200);
constexpr auto idle_wait = std::chrono::hours(1);

/// Stores events [first, last) of `channel`; false when the run no longer exists.
common::awaitable<bool> store_batch(const run_channel& channel, std::size_t first, std::size_t last,
                                    const std::string& run_id, storage::run_event_store& store) {
  for (int attempt = 1;; ++attempt) {
    // Views, not copies: published events never move or change while the channel lives.
    std::vector<std::string_view> batch(channel.events().begin() + static_cast<std::ptrdiff_t>(first),
                                        channel.events().begin() + static_cast<std::ptrdiff_t>(last));
    try {
      bool stored = co_await store.append(run_id, channel.seq_of(first), std::move(batch));
      co_return stored;
    } catch (const std::exception& e) {
      common::log::warn("could not store run events",
                        {{"run_id", run_id}, {"first_seq", channel.seq_of(first)}, {"try", attempt}, {"error", e.what()}});
    }
    if (attempt >= max_tries) co_return true;
    co_await common::sleep_for(retry_pause);
  }
}

}  // namespace

common::awaitable<void> write_events(std::shared_ptr<run_channel> channel, std::string run_id,
                                     storage::run_event_store& store) {
  std::size_t next = 0;
  for (;;) {
    const std::size_t last = channel->events().size();
    if (next < last) {
      bool run_exists = co_await store_batch(*channel, next, last, run_id, store);
      if (!run_exists) co_return;
      next = last;
      continue;
    }
    if (channel->closed()) co_return;
    co_await channel->wait(next, idle_wait);
  }
}

}  // namespace council::run
