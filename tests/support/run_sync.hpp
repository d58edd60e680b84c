// Runs a coroutine to completion from synchronous test code: the kit's common::run_blocking.
#pragma once
#include "common/core/run_blocking.hpp"

namespace test_support {

/// Drives `io` until `task` finishes; rethrows its exception (common::run_blocking).
template <typename T>
T run_sync(boost::asio::io_context& io, common::awaitable<T> task) {
  return common::run_blocking(io, std::move(task));
}

}  // namespace test_support
