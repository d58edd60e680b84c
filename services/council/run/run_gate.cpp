// The run gate: a counter and a queue of waiters under one mutex; a released pass goes straight to the first waiter,
// woken on its own executor.
#include "council/run/run_gate.hpp"
#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <deque>
#include <mutex>

namespace council::run {

namespace {

/// A run waiting for its turn: woken by cancelling its timer on the timer's own executor.
struct waiter {
  explicit waiter(const common::executor& ex) : timer(ex, boost::asio::steady_timer::time_point::max()) {}
  boost::asio::steady_timer timer;
  bool admitted = false;  // the pass was handed over (guarded by the gate's mutex)
};

}  // namespace

struct run_gate::state {
  explicit state(std::size_t max) : limit(std::max<std::size_t>(max, 1)) {}
  mutable std::mutex mutex;
  std::size_t limit;
  std::size_t held = 0;
  std::deque<std::shared_ptr<waiter>> queue;
};

run_gate::pass::~pass() {
  if (!state_) return;
  std::shared_ptr<waiter> next;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->queue.empty()) {
      --state_->held;
      return;
    }
    next = std::move(state_->queue.front());
    state_->queue.pop_front();
    next->admitted = true;  // the pass moves on: `held` stays as it is
  }
  boost::asio::post(next->timer.get_executor(), [next] { next->timer.cancel(); });
}

run_gate::run_gate(std::size_t limit) : state_(std::make_shared<state>(limit)) {}

common::awaitable<run_gate::pass> run_gate::enter() {
  auto me = std::make_shared<waiter>(co_await boost::asio::this_coro::executor);
  {
    std::lock_guard lock(state_->mutex);
    if (state_->held < state_->limit && state_->queue.empty()) {
      ++state_->held;
      co_return pass(state_);
    }
    state_->queue.push_back(me);
  }
  // However the wait ends without the pass reaching the caller (cancelled, or this frame destroyed unresumed when its
  // io_context goes away), the queue keeps no trace of it and a pass handed over meanwhile goes on to the next.
  struct leave_or_hand_on {
    std::shared_ptr<state> gate;
    std::shared_ptr<waiter> me;
    bool taken = false;
    ~leave_or_hand_on() {
      if (taken) return;
      std::unique_lock lock(gate->mutex);
      if (!me->admitted) {
        gate->queue.erase(std::find(gate->queue.begin(), gate->queue.end(), me));
        return;
      }
      lock.unlock();
      pass unused(gate);
    }
  } waiting{state_, me};
  auto [ec] = co_await me->timer.async_wait(boost::asio::as_tuple(common::use_awaitable));
  (void)ec;  // the timer never expires: it ends when woken or cancelled
  bool admitted = false;
  {
    std::lock_guard lock(state_->mutex);
    admitted = me->admitted;
  }
  if (!admitted) throw boost::system::system_error(boost::asio::error::operation_aborted, "waiting for a run's turn");
  waiting.taken = true;
  co_return pass(state_);
}

std::size_t run_gate::executing() const {
  std::lock_guard lock(state_->mutex);
  return state_->held;
}

std::size_t run_gate::waiting() const {
  std::lock_guard lock(state_->mutex);
  return state_->queue.size();
}

}  // namespace council::run
