// The database readiness check every service's /readyz runs.
#pragma once
#include "common/pg/pool.hpp"
#include <optional>
#include <string>

namespace common::pg {

/// nullopt when `db` answers `SELECT 1`, else "Database unreachable" (the failure is logged as a warning).
awaitable<std::optional<std::string>> database_problem(pool& db);

}  // namespace common::pg
