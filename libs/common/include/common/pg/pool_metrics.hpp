// Exposes a PostgreSQL pool's sizes as Prometheus gauges read at scrape time.
#pragma once
#include "common/metrics/registry.hpp"
#include "common/pg/pool.hpp"
#include <array>
#include <vector>

namespace common::pg {

/// The pool gauges of one pool; they leave the registry when this is destroyed (destroy it before the pool).
struct pool_gauges {
  std::array<metrics::registration, 3> registrations;
};

/// Registers db_pool_open_connections, db_pool_idle_connections and db_pool_max_connections for `db` in the
/// process registry while the returned handle lives.
[[nodiscard]] pool_gauges watch_pool(const pool& db, std::size_t max_size);

/// Like watch_pool() for the pools of every I/O thread together: the gauges are the sums over `pools`, and
/// `max_size` is the bound of all of them together.
[[nodiscard]] pool_gauges watch_pools(std::vector<const pool*> pools, std::size_t max_size);

/// Like watch_pool() but registered for the rest of the process: `db` must outlive every later scrape.
/// Kept for council-service until it switches to watch_pool().
void expose_pool_metrics(const pool& db, std::size_t max_size);

}  // namespace common::pg
