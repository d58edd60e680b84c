// Token usage and cost (US dollars) summed over upstream calls: of a run (the USAGE object of `complete` and of
// the stored assistant message) and of a user's month (GET /api/usage); wire shapes of proto/council.openapi.yaml.
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace council::values {

/// Tokens and cost of one call or of a sum of calls. Costs are kept to 10 decimals (as the database keeps them),
/// so a sum made here equals the same sum made in SQL.
struct token_usage {
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  double cost_usd = 0;

  /// Adds `other` (cost rounded to 10 decimals).
  void add(const token_usage& other);
};
BOOST_DESCRIBE_STRUCT(token_usage, (), (prompt_tokens, completion_tokens, cost_usd))

/// One upstream call's usage, keyed as it is stored (with its run): stage and model.
struct call_usage {
  std::string stage;  // "stage1", "stage2", "stage3" or "title"
  std::string model;
  token_usage usage;
};

/// `cost` rounded to 10 decimals (1e-10 USD).
double round_cost(double cost);

/// USAGE: the totals and the totals of each model.
struct usage_summary {
  token_usage total;
  std::map<std::string, token_usage> by_model;

  /// Counts one call of `model`.
  void add(const std::string& model, const token_usage& call);
};

/// The USAGE of `calls`.
usage_summary summary_of(const std::vector<call_usage>& calls);

/// One day's totals of a month.
struct day_usage {
  std::string date;  // YYYY-MM-DD (UTC)
  token_usage usage;
};

/// GET /api/usage: a user's month.
struct usage_report {
  std::string month;  // YYYY-MM
  usage_summary summary;
  std::vector<day_usage> by_day;  // days with usage, ascending
  std::optional<double> budget_usd;
};

/// One stored group of calls: a model's totals on one day.
struct daily_model_usage {
  std::string date;  // YYYY-MM-DD (UTC)
  std::string model;
  token_usage usage;
};

/// GET/PUT /api/settings/budget.
struct budget_state {
  std::optional<double> monthly_usd;  // none: no cap
  std::string month;                  // YYYY-MM, the current UTC month
  double spent_usd = 0;               // that month's spending
};
BOOST_DESCRIBE_STRUCT(budget_state, (), (monthly_usd, month, spent_usd))

/// The report of `month` from its per-day, per-model groups (in any order).
usage_report report_of(std::string month, const std::vector<daily_model_usage>& groups, std::optional<double> budget_usd);

/// {"prompt_tokens", "completion_tokens", "cost_usd", "by_model": {model: {the same three}}}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const usage_summary& u);
/// {"month", "total", "by_model", "by_day": [{"date", the three}], "budget_usd"}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const usage_report& r);

}  // namespace council::values
