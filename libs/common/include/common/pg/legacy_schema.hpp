// What the importers of both services share about the Python app's database (docs/legacy-import.md): how to
// connect to it, and the check that it holds every table and column they read in a schema version they know.
#pragma once
#include "common/pg/pool.hpp"
#include <optional>
#include <string>

namespace common::pg {

/// Oldest and newest `schema_migrations.version` of the Python app the importers read (3 = multi-user release).
inline constexpr int legacy_min_version = 3;
inline constexpr int legacy_max_version = 13;

/// Pool options for the legacy database at `url` (config_error naming --from and LEGACY_DATABASE_URL when nullopt):
/// one connection, statements up to 10 minutes. Sets PGTZ=UTC for this process, so that the Python app's zone-less
/// timestamps (written in UTC) are read as UTC.
pool_options legacy_connection(std::optional<std::string> url);
/// Nullopt when schema `public` of `legacy` has every table and column the importers read and a known schema
/// version; otherwise one sentence naming every missing table and column, or the unknown version.
awaitable<std::optional<std::string>> legacy_schema_problem(pool& legacy);

}  // namespace common::pg
