// Runs a coroutine to completion on a fresh io_context from synchronous test code.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

namespace test_support {

/// Drives `io` until `task` finishes; rethrows its exception. Restarts `io` first.
template <typename T>
T run_sync(boost::asio::io_context& io, common::awaitable<T> task) {
  std::future<T> result = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.restart();
  while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (io.run_one() == 0) io.restart();
  }
  return result.get();
}

}  // namespace test_support
