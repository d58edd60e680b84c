// Migrations runner against a real server: concurrent runners, changed files, numbering, failing files.
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/pg/migrations.hpp"
#include "pg_helpers.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <catch2/catch.hpp>

namespace pg = common::pg;
using common::awaitable;
using test_support::run_sync;

namespace {

const std::string create_sql = "CREATE TABLE auth.items (id int PRIMARY KEY);\nCREATE TABLE auth.side_effects (n int);\n";
const std::string seed_sql = "INSERT INTO auth.side_effects VALUES (1);\nSELECT pg_sleep(0.2);\n";
const std::string alter_sql = "INSERT INTO auth.side_effects VALUES (2);\nALTER TABLE auth.items ADD COLUMN note text;\n";

void write_three(const pg_test::temp_dir& dir) {
  dir.write("0001_create.sql", create_sql);
  dir.write("0002_seed.sql", seed_sql);
  dir.write("0003_alter.sql", alter_sql);
  dir.write("README.md", "not a migration");
}

awaitable<std::pair<pg::migration_report, pg::migration_report>> migrate_concurrently(pg::pool& first, pg::pool& second, std::string directory) {
  using namespace boost::asio::experimental::awaitable_operators;
  std::string schema = "auth";
  auto one = pg::migrate(first, schema, directory);
  auto two = pg::migrate(second, schema, directory);
  auto both = std::move(one) && std::move(two);
  auto [a, b] = co_await std::move(both);
  co_return std::make_pair(a, b);
}

awaitable<pg::migration_report> migrate_once(pg::pool& db, std::string directory) {
  std::string schema = "auth";
  co_return co_await pg::migrate(db, schema, directory);
}

// The message of the std::runtime_error that migrating `directory` throws ("" when it does not throw).
awaitable<std::string> migrate_failure(pg::pool& db, std::string directory) {
  try {
    co_await migrate_once(db, directory);
  } catch (const std::runtime_error& e) {
    co_return std::string(e.what());
  }
  co_return std::string();
}

std::string count(const test_support::scratch_database& db, const std::string& sql) {
  std::string out = db.psql(sql);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string sha256_hex(const std::string& text) { return common::crypto::hex_encode(common::crypto::sha256(text)); }

}  // namespace

TEST_CASE("migrations: two runners started at once apply each file exactly once", "[pg][migrations]") {
  test_support::scratch_database scratch;
  pg_test::temp_dir dir;
  write_three(dir);
  boost::asio::io_context io;
  pg::pool first(io.get_executor(), pg_test::options_for(scratch, "auth_service"));
  pg::pool second(io.get_executor(), pg_test::options_for(scratch, "auth_service"));
  auto [a, b] = run_sync(io, migrate_concurrently(first, second, dir.path()));
  CHECK(a.applied + b.applied == 3);
  CHECK(a.present + b.present == 3);
  CHECK(std::min(a.applied, b.applied) == 0);
  CHECK(count(scratch, "SELECT count(*) FROM auth.schema_migrations") == "3");
  CHECK(count(scratch, "SELECT string_agg(n::text, ',' ORDER BY n) FROM auth.side_effects") == "1,2");
  CHECK(count(scratch, "SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM auth.schema_migrations") ==
        "1:0001_create.sql,2:0002_seed.sql,3:0003_alter.sql");
  CHECK(count(scratch, "SELECT checksum FROM auth.schema_migrations WHERE version = 2") == sha256_hex(seed_sql));
  CHECK(count(scratch, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") == "0");

  pg::migration_report again = run_sync(io, migrate_once(first, dir.path()));
  CHECK(again.applied == 0);
  CHECK(again.present == 3);
  CHECK(count(scratch, "SELECT count(*) FROM auth.side_effects") == "2");
}

TEST_CASE("migrations: a file changed after it was applied is refused and nothing newer is applied", "[pg][migrations]") {
  test_support::scratch_database scratch;
  pg_test::temp_dir dir;
  dir.write("0001_create.sql", create_sql);
  dir.write("0002_seed.sql", seed_sql);
  boost::asio::io_context io;
  {
    pg::pool db(io.get_executor(), pg_test::options_for(scratch, "auth_service"));
    pg::migration_report first = run_sync(io, migrate_once(db, dir.path()));
    CHECK(first.applied == 2);
    CHECK(first.present == 0);
  }
  dir.write("0002_seed.sql", seed_sql + "-- edited\n");
  dir.write("0003_alter.sql", alter_sql);
  pg::pool_options options = pg_test::options_for(scratch, "auth_service");
  options.query_timeout = std::chrono::seconds(5);  // a lock left behind would make the next run time out
  pg::pool db(io.get_executor(), options);
  std::string refused = run_sync(io, migrate_failure(db, dir.path()));
  CHECK(refused == "migration 0002_seed.sql has changed since it was applied (checksum mismatch)");
  CHECK(count(scratch, "SELECT count(*) FROM auth.schema_migrations") == "2");
  CHECK(count(scratch, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'auth' AND column_name = 'note'") == "0");

  dir.write("0002_seed.sql", seed_sql);
  pg::pool other(io.get_executor(), options);
  pg::migration_report restored = run_sync(io, migrate_once(other, dir.path()));
  CHECK(restored.applied == 1);
  CHECK(restored.present == 2);
}

TEST_CASE("migrations: gaps, duplicates and bad names are refused before anything is applied", "[pg][migrations]") {
  test_support::scratch_database scratch;
  boost::asio::io_context io;
  pg::pool db(io.get_executor(), pg_test::options_for(scratch, "auth_service"));
  {
    pg_test::temp_dir gap;
    gap.write("0001_create.sql", create_sql);
    gap.write("0003_alter.sql", alter_sql);
    std::string message = run_sync(io, migrate_failure(db, gap.path()));
    CHECK(message.find("0003_alter.sql") != std::string::npos);
    CHECK(message.find("gap") != std::string::npos);
  }
  {
    pg_test::temp_dir late;
    late.write("0002_seed.sql", seed_sql);
    std::string message = run_sync(io, migrate_failure(db, late.path()));
    CHECK(message.find("0002_seed.sql") != std::string::npos);
  }
  {
    pg_test::temp_dir duplicate;
    duplicate.write("0001_create.sql", create_sql);
    duplicate.write("0001_other.sql", seed_sql);
    std::string message = run_sync(io, migrate_failure(db, duplicate.path()));
    CHECK(message.find("0001_create.sql") != std::string::npos);
    CHECK(message.find("0001_other.sql") != std::string::npos);
  }
  {
    pg_test::temp_dir badly_named;
    badly_named.write("0001_create.sql", create_sql);
    badly_named.write("2_seed.sql", seed_sql);
    std::string message = run_sync(io, migrate_failure(db, badly_named.path()));
    CHECK(message.find("2_seed.sql") != std::string::npos);
  }
  std::string missing = run_sync(io, migrate_failure(db, "/tmp/pg-test-does-not-exist"));
  CHECK(missing.find("does not exist") != std::string::npos);
  CHECK(count(scratch, "SELECT count(*) FROM pg_tables WHERE schemaname = 'auth'") == "0");
}

TEST_CASE("migrations: a failing file is named, rolled back whole, and the lock is released", "[pg][migrations]") {
  test_support::scratch_database scratch;
  pg_test::temp_dir dir;
  dir.write("0001_create.sql", create_sql);
  dir.write("0002_broken.sql", "CREATE TABLE auth.partial (id int);\nSELECT 1/0;\n");
  boost::asio::io_context io;
  pg::pool_options options = pg_test::options_for(scratch, "auth_service");
  options.query_timeout = std::chrono::seconds(5);
  pg::pool db(io.get_executor(), options);
  std::string message = run_sync(io, migrate_failure(db, dir.path()));
  CHECK(message.find("migration 0002_broken.sql failed") != std::string::npos);
  CHECK(message.find("division by zero") != std::string::npos);
  CHECK(count(scratch, "SELECT string_agg(name, ',') FROM auth.schema_migrations") == "0001_create.sql");
  CHECK(count(scratch, "SELECT count(*) FROM pg_tables WHERE schemaname = 'auth' AND tablename = 'partial'") == "0");

  dir.write("0002_broken.sql", "CREATE TABLE auth.partial (id int);\n");
  pg::pool other(io.get_executor(), options);
  pg::migration_report fixed = run_sync(io, migrate_once(other, dir.path()));
  CHECK(fixed.applied == 1);
  CHECK(fixed.present == 1);
}
