// Typed parameters, rows read by column name into described structs, statements prepared once per connection.
#include "common/pg/pool.hpp"
#include "common/pg/rows.hpp"
#include "pg_helpers.hpp"
#include "support/run_sync.hpp"
#include <boost/describe/class.hpp>
#include <catch2/catch.hpp>

namespace pg = common::pg;
using common::awaitable;
using test_support::run_sync;

namespace {

struct sample_row {
  std::string id;
  long long n = 0;
  bool flag = false;
  std::string bytes;
  std::optional<std::string> missing;
  std::string at;
  boost::json::value doc;
};
BOOST_DESCRIBE_STRUCT(sample_row, (), (id, n, flag, bytes, missing, at, doc))

constexpr std::string_view select_typed =
    "SELECT $6 AS doc, $1 AS id, $2 + 1 AS n, NOT $3 AS flag, $4 AS bytes, $5 AS missing, "
    "'2026-11-22 03:17:13.3159+00'::timestamptz AS at";

awaitable<std::vector<sample_row>> typed_round_trip(pg::pool& db) {
  std::string raw("\x00\x01\xff", 3);
  pg::params p{pg::uuid("0b5a3d4e-1111-4222-8333-944455556666"), pg::int8(41), pg::boolean(false), pg::bytea(raw),
               pg::text(std::optional<std::string>()), pg::jsonb(R"({"a": [1, 2]})")};
  pg::result r = co_await db.query(select_typed, std::move(p));
  co_return pg::rows_as<sample_row>(r);
}

awaitable<std::size_t> same_statement_twice(pg::pool& db) {
  pg::lease conn = co_await db.acquire();
  constexpr std::string_view sql = "SELECT count(*) AS n FROM generate_series(1, $1)";
  for (long long n : {3LL, 5LL}) {
    pg::params p{pg::int8(n)};
    pg::result r = co_await conn.query(sql, std::move(p));
    CHECK(r.integer(0, 0) == n);
  }
  pg::params none;
  pg::result prepared = co_await conn.query("SELECT count(*) FROM pg_prepared_statements", std::move(none));
  co_return static_cast<std::size_t>(prepared.integer(0, 0));
}

struct wrong_row {
  std::string nope;
};
BOOST_DESCRIBE_STRUCT(wrong_row, (), (nope))

awaitable<void> read_wrong(pg::pool& db) {
  pg::params none;
  pg::result r = co_await db.query("SELECT 1 AS yes", std::move(none));
  pg::rows_as<wrong_row>(r);
}

struct credit_row {
  std::optional<double> limit;
  std::optional<double> usage;
};
BOOST_DESCRIBE_STRUCT(credit_row, (), (limit, usage))

awaitable<std::vector<credit_row>> optional_floats(pg::pool& db) {
  pg::params p{pg::float8(std::optional<double>(12.5)), pg::float8(std::optional<double>())};
  pg::result r = co_await db.query("SELECT $1 * 2 AS limit, $2 AS usage", std::move(p));
  co_return pg::rows_as<credit_row>(r);
}

}  // namespace

TEST_CASE("optional float8 parameters and columns carry numbers and NULL", "[pg][kit]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  auto rows = run_sync(io, optional_floats(db));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].limit == 25.0);
  CHECK_FALSE(rows[0].usage.has_value());
}

TEST_CASE("typed parameters round-trip and rows map onto described structs by column name", "[pg][kit]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  auto rows = run_sync(io, typed_round_trip(db));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].id == "0b5a3d4e-1111-4222-8333-944455556666");
  CHECK(rows[0].n == 42);
  CHECK(rows[0].flag);
  CHECK(rows[0].bytes == std::string("\x00\x01\xff", 3));
  CHECK_FALSE(rows[0].missing.has_value());
  CHECK(rows[0].at == "2026-11-22T03:17:13.315900Z");
  CHECK(rows[0].doc.at("a").as_array().size() == 2);
  CHECK_THROWS_AS(run_sync(io, read_wrong(db)), std::out_of_range);
}

TEST_CASE("a statement is prepared once per connection and reused", "[pg][kit]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch));
  // The counting statement itself is prepared too: two distinct statements so far on this connection.
  CHECK(run_sync(io, same_statement_twice(db)) == 2);
}
