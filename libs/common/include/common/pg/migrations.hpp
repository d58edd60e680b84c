// Forward-only SQL migrations: migrations/<schema>/NNNN_name.sql, checksummed, under an advisory lock.
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/pool.hpp"
#include <string>

namespace common::pg {

/// What a migration run did.
struct migration_report {
  int applied = 0;   // files applied now
  int present = 0;   // files already applied before
};

/// Applies every `NNNN_*.sql` file in `directory` not yet recorded in `<schema>.schema_migrations`,
/// in numeric order, each in its own transaction, holding pg_advisory_lock(hash of schema) so
/// concurrent runners apply each file once. Throws std::runtime_error when an applied file's
/// SHA-256 changed, when numbering has gaps or duplicates, or when a file fails (naming it).
awaitable<migration_report> migrate(pool& db, std::string schema, std::string directory);

}  // namespace common::pg
