// pg pool behaviour against a real server: the size bound, query timeouts, broken connections, restarts.
#include "common/pg/pool.hpp"
#include "pg_helpers.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>

namespace pg = common::pg;
using common::awaitable;
using test_support::run_sync;

namespace {

awaitable<long long> backend_pid(pg::pool& db) {
  pg::params none;
  pg::result r = co_await db.query("SELECT pg_backend_pid()", std::move(none));
  co_return r.integer(0, 0);
}

awaitable<pg::lease> acquire_after_release(pg::pool& db) { co_return co_await db.acquire(); }

awaitable<void> release_soon(pg::lease* held) {
  auto ex = co_await common::asio::this_coro::executor;
  co_await boost::asio::post(ex, common::use_awaitable);
  pg::lease dropped = std::move(*held);
}

awaitable<void> bounded(pg::pool& db) {
  pg::lease a = co_await db.acquire();
  pg::lease b = co_await db.acquire();
  CHECK(db.size() == 2);
  std::string message;
  pg::error_kind kind = pg::error_kind::other;
  try {
    pg::lease c = co_await db.acquire();
  } catch (const pg::error& e) {
    kind = e.kind;
    message = e.what();
  }
  CHECK(kind == pg::error_kind::pool_exhausted);
  CHECK(message == "database pool exhausted");
  CHECK(db.size() == 2);

  // A waiting acquirer is handed the connection released while it waits (else it would time out).
  using namespace boost::asio::experimental::awaitable_operators;
  auto waiter = acquire_after_release(db);
  auto releaser = release_soon(&a);
  auto both = std::move(waiter) && std::move(releaser);
  pg::lease handed = co_await std::move(both);
  CHECK(db.size() == 2);
  pg::params none;
  pg::result r = co_await handed.query("SELECT 7", std::move(none));
  CHECK(r.integer(0, 0) == 7);
}

awaitable<void> timeout_closes(pg::pool& db) {
  long long first_pid = co_await backend_pid(db);
  CHECK(db.size() == 1);
  pg::error_kind kind = pg::error_kind::other;
  try {
    pg::params none;
    co_await db.query("SELECT pg_sleep(3)", std::move(none));
  } catch (const pg::error& e) {
    kind = e.kind;
  }
  CHECK(kind == pg::error_kind::timeout);
  CHECK(db.size() == 0);  // closed, never returned
  CHECK(db.idle() == 0);
  long long second_pid = co_await backend_pid(db);
  CHECK(second_pid != first_pid);
  CHECK(db.size() == 1);
}

awaitable<std::vector<long long>> hold_two(pg::pool& db) {
  pg::lease a = co_await db.acquire();
  pg::lease b = co_await db.acquire();
  pg::params p1, p2;
  pg::result ra = co_await a.query("SELECT pg_backend_pid()", std::move(p1));
  pg::result rb = co_await b.query("SELECT pg_backend_pid()", std::move(p2));
  co_return std::vector<long long>{ra.integer(0, 0), rb.integer(0, 0)};
}

// Runs a query after a restart: at most one connection_lost failure is tolerated, then it must work.
awaitable<int> query_after_restart(pg::pool& db) {
  int failures = 0;
  for (;;) {
    try {
      pg::params none;
      pg::result r = co_await db.query("SELECT 40 + 2", std::move(none));
      CHECK(r.integer(0, 0) == 42);
      co_return failures;
    } catch (const pg::error& e) {
      CHECK(e.kind == pg::error_kind::connection_lost);
      if (++failures > 1) throw;
    }
  }
}

awaitable<void> transaction_works(pg::pool& db) {
  pg::transaction tx = co_await db.begin();
  pg::params none;
  pg::result r = co_await tx.query("SELECT txid_current() > 0", std::move(none));
  CHECK(r.boolean(0, 0));
  co_await tx.commit();
}

awaitable<void> open_unreachable(pg::pool& db) {
  pg::error_kind kind = pg::error_kind::other;
  try {
    pg::lease unexpected = co_await db.acquire();
  } catch (const pg::error& e) {
    kind = e.kind;
  }
  CHECK(kind == pg::error_kind::connection_lost);
  CHECK(db.size() == 0);
}

}  // namespace

TEST_CASE("pg pool: at most max_size connections; a further acquire times out with pool_exhausted", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool_options options = pg_test::options_for(scratch);
  options.max_size = 2;
  options.acquire_timeout = std::chrono::milliseconds(300);
  pg::pool db(io.get_executor(), options);
  run_sync(io, bounded(db));
  CHECK(db.size() == 2);
  CHECK(db.idle() == 2);
}

TEST_CASE("pg pool: a query that times out closes its connection and the pool keeps working", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool_options options = pg_test::options_for(scratch);
  options.max_size = 1;
  options.query_timeout = std::chrono::milliseconds(300);
  pg::pool db(io.get_executor(), options);
  run_sync(io, timeout_closes(db));
}

TEST_CASE("pg pool: connections broken by a PostgreSQL restart are replaced", "[pg][restart]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool_options options = pg_test::options_for(scratch);
  options.max_size = 2;
  pg::pool db(io.get_executor(), options);
  std::vector<long long> before = run_sync(io, hold_two(db));
  REQUIRE(db.idle() == 2);
  test_support::restart_postgres();
  int failures = run_sync(io, query_after_restart(db));
  CHECK(failures <= 1);
  run_sync(io, transaction_works(db));
  std::vector<long long> after = run_sync(io, hold_two(db));
  CHECK(after[0] != before[0]);
  CHECK(after[0] != before[1]);
  CHECK(after[1] != before[0]);
  CHECK(after[1] != before[1]);
  CHECK(db.size() == 2);
}

TEST_CASE("pg pool: an unreachable server fails acquire with connection_lost and frees the slot", "[pg]") {
  boost::asio::io_context io;
  pg::pool_options options;
  options.conninfo = "postgresql://postgres@127.0.0.1:" + std::to_string(test_support::free_port()) + "/postgres";
  options.max_size = 1;
  options.connect_timeout = std::chrono::milliseconds(400);
  pg::pool db(io.get_executor(), options);
  run_sync(io, open_unreachable(db));
  run_sync(io, open_unreachable(db));
}
