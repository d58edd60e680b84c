// Process wiring of auth-service: settings -> pool, services, route tables, the two listeners.
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/migrations.hpp"
#include "common/pg/pool.hpp"
#include "auth/settings.hpp"

namespace auth {

/// Pool settings for the service role from the database settings: one pool's share of DB_POOL_SIZE when each
/// of `io_threads` threads owns a pool.
common::pg::pool_options pool_options_of(const database_settings& db, std::size_t io_threads = 1);
/// Applies migrations/<dir>/auth under the runner's advisory lock.
common::awaitable<common::pg::migration_report> apply_migrations(common::pg::pool& db, std::string migrations_dir);
/// `serve`: migrates (unless MIGRATE_ON_START=0), listens publicly and internally (mTLS) on every I/O thread,
/// runs until SIGTERM.
/// Returns the process exit code; throws on startup failures.
int serve(const settings& s);

}  // namespace auth
