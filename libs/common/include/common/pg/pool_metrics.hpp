// Exposes a PostgreSQL pool's sizes as Prometheus gauges read at scrape time.
#pragma once
#include "common/pg/pool.hpp"

namespace common::pg {

/// Registers db_pool_open_connections, db_pool_idle_connections and db_pool_max_connections for `db`
/// in the process registry. `db` must outlive every later scrape (register the pool that serve() owns).
void expose_pool_metrics(const pool& db, std::size_t max_size);

}  // namespace common::pg
