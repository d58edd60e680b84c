// Process wiring of auth-service: settings -> pool, services, route tables, the two listeners.
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/migrations.hpp"
#include "common/pg/pool.hpp"
#include "auth/settings.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

namespace auth {

/// Runs `task` to completion on `io` from synchronous code (startup, CLI); rethrows its exception.
template <typename T>
T run_blocking(boost::asio::io_context& io, common::awaitable<T> task) {
  std::future<T> done = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    if (io.run_one() == 0) io.restart();
  }
  io.restart();  // running out of work stopped the context; leave it runnable for what follows
  return done.get();
}

/// Pool settings for the service role from the database settings.
common::pg::pool_options pool_options_of(const database_settings& db);
/// Applies migrations/<dir>/auth under the runner's advisory lock.
common::awaitable<common::pg::migration_report> apply_migrations(common::pg::pool& db, std::string migrations_dir);
/// `serve`: migrates (unless MIGRATE_ON_START=0), listens publicly and internally (mTLS), runs until SIGTERM.
/// Returns the process exit code; throws on startup failures.
int serve(const settings& s);

}  // namespace auth
