// Unit tests of the run channel: readers follow published events, wake on close, time out quietly.
#include "council/run/run_channel.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>

using council::run::run_channel;

namespace {

common::awaitable<std::vector<std::string>> read_all(std::shared_ptr<run_channel> ch) {
  std::vector<std::string> seen;
  std::size_t next = 0;
  for (;;) {
    while (next < ch->events().size()) seen.push_back(ch->events()[next++]);
    if (ch->closed()) co_return seen;
    co_await ch->wait(next, std::chrono::seconds(30));
  }
}

common::awaitable<void> write_later(std::shared_ptr<run_channel> ch) {
  for (int i = 0; i < 3; ++i) {
    co_await common::sleep_for(std::chrono::milliseconds(5));
    ch->publish("e" + std::to_string(i));
  }
  ch->close();
}

common::awaitable<bool> wait_once(std::shared_ptr<run_channel> ch, std::size_t next) {
  co_return co_await ch->wait(next, std::chrono::milliseconds(20));
}

}  // namespace

TEST_CASE("a reader sees every event in order and the close", "[council][channel]") {
  boost::asio::io_context io;
  auto ch = std::make_shared<run_channel>();
  ch->publish("early");
  boost::asio::co_spawn(io, write_later(ch), boost::asio::detached);
  auto seen = test_support::run_sync(io, read_all(ch));
  CHECK(seen == std::vector<std::string>{"early", "e0", "e1", "e2"});
}

TEST_CASE("a wait with nothing new times out with false", "[council][channel]") {
  boost::asio::io_context io;
  auto ch = std::make_shared<run_channel>();
  ch->publish("x");
  CHECK(test_support::run_sync(io, wait_once(ch, 0)));
  CHECK_FALSE(test_support::run_sync(io, wait_once(ch, 1)));
  ch->close();
  CHECK(test_support::run_sync(io, wait_once(ch, 1)));
}
