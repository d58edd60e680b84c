// sleep_for: a steady_timer wait as a coroutine.
#include "common/core/asio.hpp"
#include <boost/asio/steady_timer.hpp>

namespace common {
awaitable<void> sleep_for(clock::duration d) {
  asio::steady_timer timer(co_await asio::this_coro::executor, d);
  co_await timer.async_wait(use_awaitable);
}
}  // namespace common
