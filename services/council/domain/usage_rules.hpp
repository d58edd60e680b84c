// Rules of usage reports and budgets (pure): months, budget amounts, the budget sentence.
#pragma once
#include <boost/json/fwd.hpp>
#include <boost/system/result.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace council::domain {

/// Highest monthly budget accepted, in US dollars.
constexpr double max_budget_usd = 1e12;

/// Whether `text` is a month "YYYY-MM" (year 0001-9999, month 01-12).
bool is_month(std::string_view text);
/// The current UTC month, "YYYY-MM".
std::string current_month();
/// The budget of PUT /api/settings/budget: a number from 0 to max_budget_usd, or null (no budget); the error is the
/// 422 detail (`monthly_usd: ...`), also when the field is absent.
boost::system::result<std::optional<double>, std::string> budget_of(const std::optional<boost::json::value>& monthly_usd);
/// The 402 detail when a run would start with `spent_usd` at or over `budget_usd`.
std::string budget_reached_sentence(double spent_usd, double budget_usd);

}  // namespace council::domain
