// Scrape-time gauges over a pool's open, idle and maximum connections.
#include "common/pg/pool_metrics.hpp"
#include "common/metrics/registry.hpp"

namespace common::pg {

void expose_pool_metrics(const pool& db, std::size_t max_size) {
  auto& registry = metrics::global();
  registry.gauge_callback("db_pool_open_connections", "PostgreSQL connections open (busy and idle).",
                          [&db] { return static_cast<double>(db.size()); });
  registry.gauge_callback("db_pool_idle_connections", "PostgreSQL connections open and idle.",
                          [&db] { return static_cast<double>(db.idle()); });
  registry.gauge_callback("db_pool_max_connections", "Upper bound of the PostgreSQL pool (DB_POOL_SIZE).",
                          [max_size] { return static_cast<double>(max_size); });
}

}  // namespace common::pg
