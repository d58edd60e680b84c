// pg queries against a real server: parameter round trips, SQLSTATE mapping, scripts and transactions.
#include "common/pg/pool.hpp"
#include "pg_helpers.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <catch2/catch.hpp>

namespace pg = common::pg;
using common::awaitable;
using test_support::run_sync;

namespace {

awaitable<void> round_trip(pg::pool& db) {
  std::string unicode = "héllo ✓ 日本語 '; DROP TABLE x; -- \"q\" \\ $1";
  std::string raw("\x00\x01\x7f\x80\xff\\x", 7);
  pg::params p{unicode, std::nullopt, pg::bytea_param(raw), "41", "true"};
  pg::result r = co_await db.query("SELECT $1::text AS t, $2::text AS n, $3::bytea AS b, $4::int + 1 AS i, $5::bool AS f", std::move(p));
  REQUIRE(r.size() == 1);
  CHECK(r.text(0, 0) == unicode);
  CHECK(r.is_null(0, 1));
  CHECK_FALSE(r.opt_text(0, 1).has_value());
  CHECK(r.bytes(0, r.column("b")) == raw);
  CHECK(r.integer(0, r.column("i")) == 42);
  CHECK(r.boolean(0, r.column("f")));

  std::string big(3 * 1024 * 1024, 'x');  // larger than the socket buffers: exercises the flush loop
  pg::params large{big};
  pg::result length = co_await db.query("SELECT length($1::text)", std::move(large));
  CHECK(length.integer(0, 0) == static_cast<long long>(big.size()));
  pg::params none;
  pg::result rows = co_await db.query("SELECT g, repeat('y', 1000) FROM generate_series(1, 5000) g", std::move(none));
  CHECK(rows.size() == 5000);
  CHECK(rows.integer(4999, 0) == 5000);
}

template <typename Task>
awaitable<pg::error> expect_error(Task task) {
  try {
    co_await std::move(task);
  } catch (const pg::error& e) {
    co_return e;
  }
  FAIL("expected a pg::error");
  throw std::logic_error("unreachable");
}

awaitable<void> run(pg::pool& db, std::string sql, pg::params p) { co_await db.query(sql, std::move(p)); }

// The error that running `sql` on `db` throws.
awaitable<pg::error> error_of(pg::pool& db, std::string sql, pg::params p) {
  auto task = run(db, std::move(sql), std::move(p));
  co_return co_await expect_error(std::move(task));
}

awaitable<void> sqlstates(pg::pool& db) {
  std::string setup =
      "CREATE SCHEMA t; CREATE TABLE t.parent (id int PRIMARY KEY);"
      "CREATE TABLE t.child (id int PRIMARY KEY, parent int REFERENCES t.parent(id), qty int CHECK (qty > 0), email text UNIQUE)";
  pg::lease conn = co_await db.acquire();
  co_await conn.execute_script(setup);
  pg::params first{"1", std::nullopt, "1", "secret-value@example.com"};
  co_await conn.query("INSERT INTO t.child VALUES ($1::int, $2::int, $3::int, $4)", std::move(first));

  std::string insert = "INSERT INTO t.child VALUES ($1::int, $2::int, $3::int, $4)";
  pg::params dup{"2", std::nullopt, "1", "secret-value@example.com"};
  pg::error unique = co_await error_of(db, insert, std::move(dup));
  CHECK(unique.kind == pg::error_kind::unique_violation);
  CHECK(unique.sqlstate == "23505");
  CHECK(std::string(unique.what()).find("secret-value") == std::string::npos);

  pg::params orphan{"3", "99", "1", "b@example.com"};
  pg::error fk = co_await error_of(db, insert, std::move(orphan));
  CHECK(fk.kind == pg::error_kind::foreign_key_violation);

  pg::params negative{"4", std::nullopt, "-1", "c@example.com"};
  pg::error check = co_await error_of(db, insert, std::move(negative));
  CHECK(check.kind == pg::error_kind::check_violation);

  std::string cast = "SELECT $1::int";
  pg::params text{"abc"};
  pg::error input = co_await error_of(db, cast, std::move(text));
  CHECK(input.kind == pg::error_kind::invalid_input);
  CHECK(input.sqlstate == "22P02");

  std::string typo = "SELEC 1";
  pg::params none;
  pg::error syntax = co_await error_of(db, typo, std::move(none));
  CHECK(syntax.kind == pg::error_kind::other);
  CHECK(syntax.sqlstate == "42601");

  // A failed statement outside a transaction leaves the connection reusable.
  pg::params again;
  pg::result still = co_await conn.query("SELECT count(*) FROM t.child", std::move(again));
  CHECK(still.integer(0, 0) == 1);
}

awaitable<long long> count_rows(pg::pool& db, std::string where) {
  pg::params none;
  std::string sql = "SELECT count(*) FROM t.items WHERE " + where;
  pg::result r = co_await db.query(sql, std::move(none));
  co_return r.integer(0, 0);
}

awaitable<void> transactions(pg::pool& db) {
  {
    pg::lease conn = co_await db.acquire();
    co_await conn.execute_script("CREATE SCHEMA t; CREATE TABLE t.items (id int PRIMARY KEY)");
  }
  {
    pg::transaction tx = co_await db.begin();
    pg::params one{"1"};
    pg::result inserted = co_await tx.query("INSERT INTO t.items VALUES ($1::int)", std::move(one));
    CHECK(inserted.affected() == 1);
    std::string first_row = "id = 1";
    long long before_commit = co_await count_rows(db, first_row);
    CHECK(before_commit == 0);  // not visible to other sessions before commit
    co_await tx.commit();
  }
  std::string first_row = "id = 1";
  long long committed = co_await count_rows(db, first_row);
  CHECK(committed == 1);

  std::size_t open_before = db.size();
  {
    pg::transaction tx = co_await db.begin("BEGIN ISOLATION LEVEL REPEATABLE READ");
    pg::params two{"2"};
    co_await tx.query("INSERT INTO t.items VALUES ($1::int)", std::move(two));
  }  // destroyed uncommitted: its connection is closed, the server rolls back
  CHECK(db.size() == open_before - 1);
  std::string second_row = "id = 2";
  long long discarded = co_await count_rows(db, second_row);
  CHECK(discarded == 0);

  {
    pg::transaction tx = co_await db.begin();
    pg::params three{"3"};
    co_await tx.query("INSERT INTO t.items VALUES ($1::int)", std::move(three));
    pg::params dup{"1"};
    bool failed = false;
    try {
      co_await tx.query("INSERT INTO t.items VALUES ($1::int)", std::move(dup));
    } catch (const pg::error& e) {
      failed = e.kind == pg::error_kind::unique_violation;
    }
    CHECK(failed);
    bool refused = false;
    try {
      co_await tx.commit();  // the server answers ROLLBACK: must not look like success
    } catch (const pg::error&) {
      refused = true;
    }
    CHECK(refused);
  }
  std::string third_row = "id = 3";
  long long rolled_back = co_await count_rows(db, third_row);
  CHECK(rolled_back == 0);

  // A lease handed back inside a transaction it opened itself is closed, not pooled.
  REQUIRE(db.idle() >= 1);
  std::size_t open_now = db.size();
  {
    pg::lease conn = co_await db.acquire();
    pg::params begin_params;
    co_await conn.query("BEGIN", std::move(begin_params));
  }
  CHECK(db.size() == open_now - 1);
  CHECK(db.idle() == db.size());
  // A pooled connection is never left inside a transaction: SAVEPOINT outside one fails with 25P01.
  std::string probe = "SAVEPOINT probe";
  pg::params check_params;
  pg::error outside = co_await error_of(db, probe, std::move(check_params));
  CHECK(outside.sqlstate == "25P01");
}

awaitable<pg::error_kind> update_expecting_conflict(pg::transaction* tx) {
  try {
    pg::params none;
    co_await tx->query("UPDATE t.acc SET v = v + 10 WHERE id = 1", std::move(none));
  } catch (const pg::error& e) {
    co_return e.kind;
  }
  co_return pg::error_kind::other;
}

awaitable<void> commit_while_other_waits(pg::pool& db, pg::transaction* tx) {
  pg::params none;
  pg::result alive = co_await db.query("SELECT 1", std::move(none));  // the blocked statement blocks nobody else
  CHECK(alive.integer(0, 0) == 1);
  co_await tx->commit();
}

awaitable<void> serialization(pg::pool& db) {
  using namespace boost::asio::experimental::awaitable_operators;
  {
    pg::lease conn = co_await db.acquire();
    co_await conn.execute_script("CREATE SCHEMA t; CREATE TABLE t.acc (id int PRIMARY KEY, v int); INSERT INTO t.acc VALUES (1, 0)");
  }
  pg::transaction first = co_await db.begin("BEGIN ISOLATION LEVEL SERIALIZABLE");
  pg::transaction second = co_await db.begin("BEGIN ISOLATION LEVEL SERIALIZABLE");
  pg::params p1, p2, p3, p4;
  co_await second.query("SET LOCAL lock_timeout = '10s'", std::move(p1));
  co_await first.query("SELECT v FROM t.acc WHERE id = 1", std::move(p2));
  co_await second.query("SELECT v FROM t.acc WHERE id = 1", std::move(p3));
  co_await first.query("UPDATE t.acc SET v = v + 1 WHERE id = 1", std::move(p4));
  // `second` blocks on the row lock on the server; meanwhile the same thread runs other queries and commits `first`.
  auto blocked = update_expecting_conflict(&second);
  auto other = commit_while_other_waits(db, &first);
  auto both = std::move(blocked) && std::move(other);
  pg::error_kind kind = co_await std::move(both);
  CHECK(kind == pg::error_kind::serialization_failure);
}

awaitable<void> script(pg::pool& db) {
  pg::lease conn = co_await db.acquire();
  co_await conn.execute_script("CREATE SCHEMA s; CREATE TABLE s.a (x int); INSERT INTO s.a VALUES (1), (2); -- comment only at the end");
  pg::params none;
  pg::result r = co_await conn.query("SELECT sum(x) FROM s.a", std::move(none));
  CHECK(r.integer(0, 0) == 3);
  bool failed = false;
  try {
    co_await conn.execute_script("INSERT INTO s.a VALUES (3); SELECT 1/0; INSERT INTO s.a VALUES (4)");
  } catch (const pg::error& e) {
    failed = e.kind == pg::error_kind::invalid_input && e.sqlstate == "22012";
  }
  CHECK(failed);
  pg::params again;
  pg::result after = co_await conn.query("SELECT sum(x) FROM s.a", std::move(again));
  CHECK(after.integer(0, 0) == 3);  // a multi-statement script runs as one implicit transaction
}

}  // namespace

TEST_CASE("pg: parameterised queries round-trip text, NULL, unicode, bytea and large values", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  run_sync(io, round_trip(db));
  CHECK(db.size() == 1);
  CHECK(db.idle() == 1);
}

TEST_CASE("pg: SQLSTATEs are mapped to error kinds without leaking parameters", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  run_sync(io, sqlstates(db));
  CHECK(db.idle() == db.size());
}

TEST_CASE("pg: committed transactions are visible, uncommitted and failed ones leave nothing", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  run_sync(io, transactions(db));
}

TEST_CASE("pg: a serialization conflict is mapped while another query runs on the same thread", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  run_sync(io, serialization(db));
}

TEST_CASE("pg: execute_script runs several statements as one implicit transaction", "[pg]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  run_sync(io, script(db));
}
