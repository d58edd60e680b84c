// database_problem: one round trip through the pool, failures logged and answered as a sentence.
#include "common/pg/probe.hpp"
#include "common/core/log.hpp"

namespace common::pg {

awaitable<std::optional<std::string>> database_problem(pool& db) {
  constexpr std::string_view select_one = "SELECT 1";
  std::optional<std::string> problem;
  try {
    params none;
    co_await db.query(select_one, std::move(none));
  } catch (const std::exception& e) {
    log::warn("readiness: database unreachable", {{"error", e.what()}});
    problem = "Database unreachable";
  }
  co_return problem;
}

}  // namespace common::pg
