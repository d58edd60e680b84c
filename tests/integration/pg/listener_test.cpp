// pg listener against a real server: notifications of its channels arrive in order, others do not, and a listener
// whose connection was terminated listens again.
#include "common/pg/listener.hpp"
#include "common/pg/pool.hpp"
#include "pg_helpers.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <catch2/catch.hpp>

namespace pg = common::pg;
using common::awaitable;

namespace {

/// Sends NOTIFY `channel`, `payload` through `db`.
awaitable<void> notify(pg::pool& db, std::string channel, std::string payload) {
  pg::params p{pg::text(std::move(channel)), pg::text(std::move(payload))};
  co_await db.query("SELECT pg_notify($1, $2)", std::move(p));
}

/// Waits (polling every 10 ms, at most `tries` times) until `done` holds.
awaitable<bool> eventually(std::function<bool()> done, int tries = 500) {
  for (int i = 0; i < tries && !done(); ++i) co_await common::sleep_for(std::chrono::milliseconds(10));
  co_return done();
}

}  // namespace

TEST_CASE("a listener hands over the notifications of its channels, in order, and listens again after a loss",
          "[pg][listener]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  std::vector<pg::notification> received;
  pg::listener listener(io.get_executor(), scratch.admin_url(), {"alpha", "beta"},
                        [&](const pg::notification& n) { received.push_back(n); });
  boost::asio::co_spawn(io, listener.run(), boost::asio::detached);
  REQUIRE(test_support::run_sync(io, eventually([&] { return listener.listening(); })));

  test_support::run_sync(io, notify(db, "alpha", "one"));
  test_support::run_sync(io, notify(db, "gamma", "ignored"));
  test_support::run_sync(io, notify(db, "beta", "two"));
  REQUIRE(test_support::run_sync(io, eventually([&] { return received.size() >= 2; })));
  CHECK(received[0].channel == "alpha");
  CHECK(received[0].payload == "one");
  CHECK(received[1].channel == "beta");
  CHECK(received[1].payload == "two");

  scratch.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' OR query = 'SELECT 1'");
  REQUIRE(test_support::run_sync(io, eventually([&] {
    return listener.listening() && received.size() >= 2;
  })));
  // Once listening again, new notifications arrive (those sent while it was away are not replayed).
  bool again = false;
  for (int i = 0; i < 50 && !again; ++i) {
    test_support::run_sync(io, notify(db, "alpha", "three"));
    again = test_support::run_sync(io, eventually([&] { return received.back().payload == "three"; }, 20));
  }
  CHECK(again);
  listener.stop();
  io.run_for(std::chrono::milliseconds(100));
}
