// run_hub: cancel requests reach the run they name; event notifications wake the readers of their run.
#include "council/run/run_hub.hpp"
#include "council/storage/run_event_store.hpp"
#include <boost/asio/as_tuple.hpp>

namespace council::run {

void event_watch::wake() {
  ++pending_;
  if (waiter_ != nullptr) waiter_->cancel();
}

common::awaitable<bool> event_watch::wait(common::clock::duration timeout) {
  if (pending_ == 0) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, timeout);
    waiter_ = &timer;
    co_await timer.async_wait(boost::asio::as_tuple(common::use_awaitable));
    waiter_ = nullptr;
  }
  const bool woken = pending_ > 0;
  pending_ = 0;
  co_return woken;
}

void run_hub::add_run(const std::string& run_id, std::function<void()> cancel) { runs_[run_id] = std::move(cancel); }

void run_hub::remove_run(const std::string& run_id) { runs_.erase(run_id); }

std::shared_ptr<event_watch> run_hub::watch(const std::string& run_id) {
  std::erase_if(watches_, [](const auto& entry) { return entry.second.expired(); });
  auto w = std::make_shared<event_watch>();
  watches_.emplace(run_id, w);
  return w;
}

void run_hub::dispatch(const common::pg::notification& n) {
  if (n.channel == storage::run_cancel_channel) {
    auto found = runs_.find(n.payload);
    if (found != runs_.end()) {
      std::function<void()> cancel = found->second;
      cancel();
    }
    return;
  }
  if (n.channel != storage::run_events_channel) return;
  const std::string run_id = n.payload.substr(0, n.payload.find(' '));
  auto [first, last] = watches_.equal_range(run_id);
  for (auto it = first; it != last;) {
    if (auto w = it->second.lock()) {
      w->wake();
      ++it;
    } else {
      it = watches_.erase(it);
    }
  }
}

}  // namespace council::run
