// Event log with timer-based wake-ups: readers park on their own timer, writers cancel them.
#include "council/run/run_channel.hpp"
#include <algorithm>
#include <boost/asio/as_tuple.hpp>

namespace council::run {

void run_channel::publish(std::string event_json) {
  events_.push_back(std::move(event_json));
  wake();
}

void run_channel::close() {
  closed_ = true;
  wake();
}

void run_channel::wake() {
  for (auto* timer : waiters_) timer->cancel();
}

common::awaitable<bool> run_channel::wait(std::size_t next, common::clock::duration timeout) {
  if (next < events_.size() || closed_) co_return true;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, timeout);
  struct registration {
    std::vector<boost::asio::steady_timer*>& list;
    boost::asio::steady_timer* timer;
    ~registration() { list.erase(std::find(list.begin(), list.end(), timer)); }
  };
  waiters_.push_back(&timer);
  registration registered{waiters_, &timer};
  co_await timer.async_wait(boost::asio::as_tuple(common::use_awaitable));
  co_return next < events_.size() || closed_;
}

}  // namespace council::run

