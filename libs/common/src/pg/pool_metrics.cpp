// Scrape-time gauges over a pool's open, idle and maximum connections.
#include "common/pg/pool_metrics.hpp"

namespace common::pg {

pool_gauges watch_pool(const pool& db, std::size_t max_size) { return watch_pools({&db}, max_size); }

pool_gauges watch_pools(std::vector<const pool*> pools, std::size_t max_size) {
  auto& registry = metrics::global();
  auto sum = [pools](std::size_t (pool::*read)() const) {
    return [pools, read] {
      std::size_t total = 0;
      for (const pool* p : pools) total += (p->*read)();
      return static_cast<double>(total);
    };
  };
  return pool_gauges{{
      registry.gauge("db_pool_open_connections", "PostgreSQL connections open (busy and idle).", sum(&pool::size)),
      registry.gauge("db_pool_idle_connections", "PostgreSQL connections open and idle.", sum(&pool::idle)),
      registry.gauge("db_pool_max_connections", "Upper bound of the PostgreSQL pool (DB_POOL_SIZE).",
                     [max_size] { return static_cast<double>(max_size); }),
  }};
}

void expose_pool_metrics(const pool& db, std::size_t max_size) {
  static std::vector<pool_gauges> forever;
  forever.push_back(watch_pool(db, max_size));
}

}  // namespace common::pg
