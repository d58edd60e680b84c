// run_blocking drives a coroutine to completion from synchronous code, also on a stopped io_context.
#include "common/core/run_blocking.hpp"
#include <catch2/catch.hpp>
#include <stdexcept>

namespace {

common::awaitable<int> after_a_wait(int value) {
  co_await common::sleep_for(std::chrono::milliseconds(1));
  co_return value * 2;
}

common::awaitable<void> failing() {
  co_await common::sleep_for(std::chrono::milliseconds(1));
  throw std::runtime_error("boom");
}

}  // namespace

TEST_CASE("run_blocking returns the value, rethrows the failure and leaves the context usable", "[kit][run]") {
  boost::asio::io_context io;
  CHECK(common::run_blocking(io, after_a_wait(21)) == 42);
  CHECK_THROWS_WITH(common::run_blocking(io, failing()), "boom");
  io.stop();
  CHECK(common::run_blocking(io, after_a_wait(2)) == 4);
  CHECK_FALSE(io.stopped());
}
