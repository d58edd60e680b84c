// pool_core: connection reuse and discard, connect retries, and the queue of acquirers waiting for a slot.
#include "pool_core.hpp"
#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <optional>

namespace common::pg {

struct pool_core::waiter {
  asio::steady_timer timer;
  bool queued = true;
};

namespace {
// Removes a waiter that leaves the queue without being woken (timeout, cancellation, destroyed frame).
template <typename List>
struct dequeue_on_exit {
  List& waiters;
  typename List::iterator position;
  const bool& queued;
  ~dequeue_on_exit() {
    if (queued) waiters.erase(position);
  }
};
}  // namespace

pool_core::pool_core(executor ex, pool_options options) : ex(std::move(ex)), options(std::move(options)) {}

awaitable<std::unique_ptr<connection>> pool_core::connect() {
  clock::time_point deadline = clock::now() + options.connect_timeout;
  clock::duration backoff = milliseconds(50);
  for (;;) {
    auto conn = std::make_unique<connection>(ex);
    std::optional<error> failure;
    try {
      co_await conn->open(options.conninfo, deadline - clock::now());
      co_return conn;
    } catch (const error& e) {
      failure = e;
    }
    if (failure->kind != error_kind::connection_lost || clock::now() + backoff >= deadline) throw *failure;
    asio::steady_timer pause(ex, backoff);
    co_await pause.async_wait(use_awaitable);
    backoff = std::min<clock::duration>(backoff * 2, seconds(1));
  }
}

awaitable<void> pool_core::wait_for_release(clock::time_point deadline) {
  waiter self{asio::steady_timer(ex, deadline)};
  dequeue_on_exit<std::list<waiter*>> guard{waiters_, waiters_.insert(waiters_.end(), &self), self.queued};
  boost::system::error_code ec;
  co_await self.timer.async_wait(asio::redirect_error(use_awaitable, ec));
  // Aborted while still queued: the acquiring coroutine itself was cancelled.
  if (ec == asio::error::operation_aborted && self.queued) throw boost::system::system_error(ec);
}

void pool_core::wake_one() {
  if (waiters_.empty()) return;
  waiter* first = waiters_.front();
  waiters_.pop_front();
  first->queued = false;
  first->timer.cancel();
}

void pool_core::give_back(std::unique_ptr<connection> conn) {
  if (conn && !closed && conn->reusable()) {
    idle.push_back(std::move(conn));
    ++idle_count;
  } else {
    conn.reset();
    --open;
  }
  wake_one();
}

}  // namespace common::pg
