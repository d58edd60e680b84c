// migrate: under a per-schema advisory lock, verify applied checksums and apply pending files one transaction each.
#include "common/pg/migrations.hpp"
#include "common/crypto/hash.hpp"
#include "migration_files.hpp"
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>

namespace common::pg {
namespace {

// The schema name as a quoted identifier; only plain lowercase names are accepted.
std::string quoted_schema(const std::string& schema) {
  bool plain = !schema.empty() && !std::isdigit(static_cast<unsigned char>(schema[0]));
  for (char c : schema) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!plain) throw std::runtime_error("migrations: invalid schema name '" + schema + "'");
  return "\"" + schema + "\"";
}

// A stable 64-bit advisory lock key: the first 8 bytes of SHA-256 over a fixed prefix and the schema.
std::string lock_key(const std::string& schema) {
  std::string digest = crypto::sha256("common::pg::migrate:" + schema);
  std::uint64_t key = 0;
  for (int i = 0; i < 8; ++i) key = (key << 8) | static_cast<unsigned char>(digest[static_cast<std::size_t>(i)]);
  return std::to_string(static_cast<std::int64_t>(key));
}

struct applied_entry {
  std::string name;
  std::string checksum;
};

awaitable<std::map<int, applied_entry>> applied_migrations(lease& conn, std::string table) {
  std::string create = "CREATE TABLE IF NOT EXISTS " + table +
                       " (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                       " applied_at timestamptz NOT NULL DEFAULT now())";
  co_await conn.execute_script(create);
  std::string select = "SELECT version, name, checksum FROM " + table + " ORDER BY version";
  params none;
  result rows = co_await conn.query(select, std::move(none));
  std::map<int, applied_entry> applied;
  for (int r = 0; r < rows.size(); ++r)
    applied[static_cast<int>(rows.integer(r, 0))] = applied_entry{std::string(rows.text(r, 1)), std::string(rows.text(r, 2))};
  co_return applied;
}

void verify_applied(const std::map<int, applied_entry>& applied, const std::vector<migration_file>& files, const std::string& directory) {
  for (const auto& [version, entry] : applied) {
    if (version < 1 || static_cast<std::size_t>(version) > files.size())
      throw std::runtime_error("migration " + entry.name + " was applied but is missing from " + directory);
    const migration_file& file = files[static_cast<std::size_t>(version) - 1];
    if (file.name != entry.name)
      throw std::runtime_error("migration " + file.name + " has changed since it was applied as " + entry.name + " (renamed)");
    if (file.checksum != entry.checksum)
      throw std::runtime_error("migration " + file.name + " has changed since it was applied (checksum mismatch)");
  }
}

awaitable<void> apply_one(lease& conn, std::string table, migration_file file) {
  std::optional<std::string> failure;
  try {
    params none;
    co_await conn.query("BEGIN", std::move(none));
    co_await conn.execute_script(file.sql);
    params record{std::to_string(file.version), file.name, file.checksum};
    std::string insert = "INSERT INTO " + table + " (version, name, checksum) VALUES ($1::integer, $2, $3)";
    co_await conn.query(insert, std::move(record));
    params nothing;
    co_await conn.query("COMMIT", std::move(nothing));
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (failure) throw std::runtime_error("migration " + file.name + " failed: " + *failure);
}

awaitable<migration_report> migrate_locked(lease& conn, std::string schema, std::vector<migration_file> files, std::string directory) {
  std::string table = quoted_schema(schema) + ".schema_migrations";
  std::map<int, applied_entry> applied = co_await applied_migrations(conn, table);
  verify_applied(applied, files, directory);
  migration_report report;
  report.present = static_cast<int>(applied.size());
  for (migration_file& file : files) {
    if (applied.contains(file.version)) continue;
    co_await apply_one(conn, table, std::move(file));
    ++report.applied;
  }
  co_return report;
}

}  // namespace

awaitable<migration_report> migrate(pool& db, std::string schema, std::string directory) {
  quoted_schema(schema);
  std::vector<migration_file> files = read_migration_files(directory);
  lease conn = co_await db.acquire();
  params key{lock_key(schema)};
  co_await conn.query("SELECT pg_advisory_lock($1::bigint)", key);
  migration_report report;
  std::exception_ptr failure;
  try {
    report = co_await migrate_locked(conn, schema, std::move(files), directory);
  } catch (...) {
    failure = std::current_exception();
  }
  // On failure inside a transaction the unlock fails too; the lease then closes the session, which unlocks.
  try {
    co_await conn.query("SELECT pg_advisory_unlock($1::bigint)", std::move(key));
  } catch (...) {
    if (!failure) failure = std::current_exception();
  }
  if (failure) std::rethrow_exception(failure);
  co_return report;
}

}  // namespace common::pg
