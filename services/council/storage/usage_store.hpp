// Usage of upstream calls and users' monthly budgets in schema council (every SQL string about them lives here).
#pragma once
#include "common/pg/pool.hpp"
#include "council/values/usage.hpp"
#include <optional>
#include <string>
#include <vector>

namespace council::storage {

/// Records each run's call usage and reads a user's month; every query is scoped to one user. Months are
/// "YYYY-MM" (UTC), already checked by the caller.
class usage_store {
public:
  explicit usage_store(common::pg::pool& db) : db_(db) {}
  /// Stores the usage of `calls` of run `run_id` for `user_id` in one statement; a call key (run, stage, model)
  /// stored before (a re-run synthesis) adds to its row.
  common::awaitable<void> record(std::string run_id, std::string user_id, std::vector<values::call_usage> calls);
  /// The stored calls of the user's run `run_id`, one per (stage, model) key.
  common::awaitable<std::vector<values::call_usage>> run_calls(std::string run_id, std::string user_id);
  /// The user's usage in `month`, summed per day and model.
  common::awaitable<std::vector<values::daily_model_usage>> month_groups(std::string user_id, std::string month);
  /// The user's budget and spending in `month`.
  common::awaitable<values::budget_state> budget(std::string user_id, std::string month);
  /// Sets (none: removes) the user's monthly budget; then as budget(). user_not_found is not checked: the caller
  /// is authenticated, and a deleted account fails the foreign key (thrown).
  common::awaitable<values::budget_state> set_budget(std::string user_id, std::optional<double> monthly_usd, std::string month);

private:
  common::pg::pool& db_;
};

}  // namespace council::storage
