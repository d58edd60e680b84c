// Unit tests of the run gate: at most `limit` passes at once, waiters let in first come first served (also from
// another thread), and a cancelled waiter leaves the queue without taking a turn.
#include "council/run/run_gate.hpp"
#include "common/core/task_group.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>
#include <optional>
#include <thread>
#include <vector>

using council::run::run_gate;

namespace {

/// Enters `gate`, notes `id` in `order`, holds the pass until `hold` is reset by the test, then leaves.
common::awaitable<void> enter_and_hold(run_gate& gate, int id, std::vector<int>& order, std::shared_ptr<bool> hold) {
  run_gate::pass entered = co_await gate.enter();
  order.push_back(id);
  while (*hold) co_await common::sleep_for(std::chrono::milliseconds(1));
}

/// Runs `io` until `done()` or about two seconds pass.
template <typename Done>
void run_until(boost::asio::io_context& io, Done done) {
  for (int i = 0; i < 2000 && !done(); ++i) io.run_for(std::chrono::milliseconds(1));
}

}  // namespace

TEST_CASE("the gate lets in at most its limit and the waiters in arrival order", "[council][gate]") {
  boost::asio::io_context io;
  run_gate gate(2);
  std::vector<int> order;
  std::vector<std::shared_ptr<bool>> holds;
  for (int id = 0; id < 5; ++id) {
    holds.push_back(std::make_shared<bool>(true));
    boost::asio::co_spawn(io, enter_and_hold(gate, id, order, holds.back()), boost::asio::detached);
  }
  run_until(io, [&] { return gate.waiting() == 3; });
  CHECK(order == std::vector<int>{0, 1});
  CHECK(gate.executing() == 2);
  CHECK(gate.waiting() == 3);

  *holds[1] = false;
  run_until(io, [&] { return order.size() == 3; });
  CHECK(order == std::vector<int>{0, 1, 2});
  CHECK(gate.executing() == 2);

  for (auto& hold : holds) *hold = false;
  run_until(io, [&] { return gate.executing() == 0; });
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(gate.waiting() == 0);
}

TEST_CASE("a waiter cancelled before its turn leaves the queue and takes no turn", "[council][gate]") {
  boost::asio::io_context io;
  run_gate gate(1);
  std::vector<int> order;
  auto first = std::make_shared<bool>(true);
  boost::asio::co_spawn(io, enter_and_hold(gate, 0, order, first), boost::asio::detached);
  common::task_group waiting(io.get_executor());
  waiting.spawn(enter_and_hold(gate, 1, order, std::make_shared<bool>(false)));
  auto last = std::make_shared<bool>(false);
  boost::asio::co_spawn(io, enter_and_hold(gate, 2, order, last), boost::asio::detached);
  run_until(io, [&] { return gate.waiting() == 2; });
  REQUIRE(gate.waiting() == 2);

  waiting.cancel();
  run_until(io, [&] { return gate.waiting() == 1; });
  CHECK(gate.waiting() == 1);
  *first = false;
  run_until(io, [&] { return gate.executing() == 0; });
  CHECK(order == std::vector<int>{0, 2});
}

TEST_CASE("a pass released on one thread lets in a waiter of another thread", "[council][gate]") {
  run_gate gate(1);
  boost::asio::io_context holder_io;
  boost::asio::io_context waiter_io;
  std::vector<int> held;
  std::vector<int> waited;
  auto hold = std::make_shared<bool>(true);
  boost::asio::co_spawn(holder_io, enter_and_hold(gate, 0, held, hold), boost::asio::detached);
  run_until(holder_io, [&] { return gate.executing() == 1; });
  boost::asio::co_spawn(waiter_io, enter_and_hold(gate, 1, waited, std::make_shared<bool>(false)), boost::asio::detached);
  std::thread other([&] { waiter_io.run_for(std::chrono::seconds(5)); });  // returns once the waiter has left
  for (int i = 0; i < 2000 && gate.waiting() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(gate.waiting() == 1);
  *hold = false;
  run_until(holder_io, [&] { return held.size() == 1 && gate.waiting() == 0; });
  other.join();
  CHECK(held == std::vector<int>{0});
  CHECK(waited == std::vector<int>{1});
  CHECK(gate.executing() == 0);
}
