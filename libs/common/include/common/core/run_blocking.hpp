// Runs one coroutine to completion from synchronous code (start-up, command-line tools, tests).
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

namespace common {

/// Runs `io` on the calling thread until `task` finishes and returns its value (rethrows its exception).
/// `io` may have been stopped or run out of work before; it is left restarted, ready for what follows.
template <typename T>
T run_blocking(asio::io_context& io, awaitable<T> task) {
  std::future<T> done = asio::co_spawn(io, std::move(task), asio::use_future);
  io.restart();
  while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (io.run_one() == 0) io.restart();
  }
  io.restart();
  return done.get();
}

}  // namespace common
