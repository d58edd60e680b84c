// task_group: children are joined, cancelled with their owner, and their escaped failures reported.
#include "common/core/run_blocking.hpp"
#include "common/core/task_group.hpp"
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>

namespace {

struct tally {
  int finished = 0;
  int cancelled = 0;
};

common::awaitable<void> wait_long(tally& t) {
  auto ex = co_await boost::asio::this_coro::executor;
  boost::asio::steady_timer timer(ex, std::chrono::hours(1));
  try {
    co_await timer.async_wait(common::use_awaitable);
    ++t.finished;
  } catch (const boost::system::system_error&) {
    ++t.cancelled;
    throw;
  }
}

common::awaitable<void> wait_short(tally& t) {
  co_await common::sleep_for(std::chrono::milliseconds(1));
  ++t.finished;
}

common::awaitable<void> fail_soon() {
  co_await common::sleep_for(std::chrono::milliseconds(1));
  throw std::runtime_error("child failed");
}

common::awaitable<std::size_t> owner_cancels(tally& t) {
  common::task_group group(co_await boost::asio::this_coro::executor);
  group.spawn(wait_long(t));
  group.spawn(wait_long(t));
  group.spawn(wait_short(t));
  co_await common::sleep_for(std::chrono::milliseconds(20));
  const std::size_t still_running = group.running();
  co_await group.cancel_and_join();
  CHECK(group.running() == 0);
  co_return still_running;
}

common::awaitable<void> owner_joins(tally& t) {
  common::task_group group(co_await boost::asio::this_coro::executor);
  group.spawn(wait_short(t));
  group.spawn(wait_short(t));
  co_await group.join();
}

common::awaitable<void> owner_sees_failure() {
  common::task_group group(co_await boost::asio::this_coro::executor);
  group.spawn(fail_soon());
  co_await group.join();
}

}  // namespace

TEST_CASE("cancel_and_join cancels running children and waits for them", "[kit][task_group]") {
  boost::asio::io_context io;
  tally t;
  const std::size_t running_before = common::run_blocking(io, owner_cancels(t));
  CHECK(running_before == 2);
  CHECK(t.finished == 1);
  CHECK(t.cancelled == 2);
}

TEST_CASE("join waits for every child and rethrows an escaped failure", "[kit][task_group]") {
  boost::asio::io_context io;
  tally t;
  common::run_blocking(io, owner_joins(t));
  CHECK(t.finished == 2);
  CHECK_THROWS_WITH(common::run_blocking(io, owner_sees_failure()), "child failed");
}

TEST_CASE("a destroyed group cancels the children still running", "[kit][task_group]") {
  boost::asio::io_context io;
  tally t;
  {
    common::task_group group(io.get_executor());
    group.spawn(wait_long(t));
    io.run_for(std::chrono::milliseconds(5));
    io.restart();
  }
  io.run();
  CHECK(t.cancelled == 1);
  CHECK(t.finished == 0);
}
