// Usage and budget use cases: the caller's month of usage, their monthly budget, and the budget check of a run.
#pragma once
#include "council/api.hpp"
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include "council/values/usage.hpp"
#include <optional>
#include <string>

namespace council::domain {

/// The caller's usage in `month` ("YYYY-MM", UTC; default the current month) with their budget; invalid_input
/// (`month: ...`) when `month` is malformed.
common::awaitable<outcome<values::usage_report>> usage_report(services& svc, caller who, std::optional<std::string> month);
/// The caller's budget and this month's spending.
common::awaitable<values::budget_state> budget(services& svc, caller who);
/// Sets (null: removes) the caller's monthly budget; invalid_input (usage_rules' sentence) when `in` is refused.
common::awaitable<outcome<values::budget_state>> set_budget(services& svc, caller who, api::budget_in in);
/// budget_reached (detail: the sentence) when the user's spending this month is at or over their budget.
common::awaitable<outcome<void>> check_budget(services& svc, std::string user_id);

}  // namespace council::domain
