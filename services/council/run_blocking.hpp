// Drives one coroutine to completion on an io_context from synchronous startup code.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

namespace council {

/// Runs `io` until `task` completes and returns its value (rethrows its exception).
template <typename T>
T run_blocking(common::asio::io_context& io, common::awaitable<T> task) {
  auto result = common::asio::co_spawn(io, std::move(task), common::asio::use_future);
  io.restart();
  while (result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) io.run_one();
  return result.get();
}

}  // namespace council
