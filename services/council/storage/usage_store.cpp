// SQL for call usage (council.run_usage) and monthly budgets (council.budgets).
#include "council/storage/usage_store.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>

namespace council::storage {
namespace json = boost::json;
namespace pg = common::pg;

namespace {

// $1 run, $2 user, $3 a JSON array of {stage, model, prompt_tokens, completion_tokens, cost_usd}.
constexpr std::string_view record_sql =
    "INSERT INTO council.run_usage AS u (run_id, stage, model, user_id, prompt_tokens, completion_tokens, cost_usd) "
    "SELECT $1, c.stage, c.model, $2, sum(c.prompt_tokens), sum(c.completion_tokens), sum(c.cost_usd) "
    "FROM jsonb_to_recordset($3) AS c(stage text, model text, prompt_tokens bigint, completion_tokens bigint, cost_usd numeric) "
    "GROUP BY c.stage, c.model "
    "ON CONFLICT (run_id, stage, model) DO UPDATE SET prompt_tokens = u.prompt_tokens + EXCLUDED.prompt_tokens, "
    "completion_tokens = u.completion_tokens + EXCLUDED.completion_tokens, cost_usd = u.cost_usd + EXCLUDED.cost_usd";
constexpr std::string_view run_calls_sql =
    "SELECT stage, model, prompt_tokens, completion_tokens, cost_usd FROM council.run_usage "
    "WHERE run_id = $1 AND user_id = $2";
/// The rows of the month $2 ("YYYY-MM", UTC).
const std::string in_month =
    "created_at >= ($2 || '-01T00:00:00Z')::timestamptz "
    "AND created_at < ($2 || '-01T00:00:00Z')::timestamptz + interval '1 month'";
const std::string month_groups_sql =
    "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, model, "
    "sum(prompt_tokens)::bigint AS prompt_tokens, sum(completion_tokens)::bigint AS completion_tokens, "
    "sum(cost_usd) AS cost_usd FROM council.run_usage WHERE user_id = $1 AND " + in_month + " GROUP BY 1, 2";
/// The user's spending in the month $2.
const std::string spent_sql =
    "(SELECT coalesce(sum(cost_usd), 0) FROM council.run_usage WHERE user_id = $1 AND " + in_month + ") AS spent_usd";
const std::string budget_sql =
    "SELECT (SELECT monthly_usd FROM council.budgets WHERE user_id = $1) AS monthly_usd, " + spent_sql;
const std::string set_budget_sql =
    "WITH saved AS (INSERT INTO council.budgets (user_id, monthly_usd) VALUES ($1, $3) ON CONFLICT (user_id) "
    "DO UPDATE SET monthly_usd = EXCLUDED.monthly_usd, updated_at = now() RETURNING monthly_usd) "
    "SELECT (SELECT monthly_usd FROM saved) AS monthly_usd, " + spent_sql;

/// One (day, model) group.
struct group_row {
  std::string date;
  std::string model;
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  std::optional<double> cost_usd;
};
BOOST_DESCRIBE_STRUCT(group_row, (), (date, model, prompt_tokens, completion_tokens, cost_usd))

/// One stored call key of a run.
struct call_row {
  std::string stage;
  std::string model;
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  std::optional<double> cost_usd;
};
BOOST_DESCRIBE_STRUCT(call_row, (), (stage, model, prompt_tokens, completion_tokens, cost_usd))

struct budget_row {
  std::optional<double> monthly_usd;
  std::optional<double> spent_usd;
};
BOOST_DESCRIBE_STRUCT(budget_row, (), (monthly_usd, spent_usd))

json::array calls_json(const std::vector<values::call_usage>& calls) {
  json::array out;
  for (const auto& c : calls)
    out.push_back(json::object{{"stage", c.stage},
                               {"model", c.model},
                               {"prompt_tokens", c.usage.prompt_tokens},
                               {"completion_tokens", c.usage.completion_tokens},
                               {"cost_usd", values::round_cost(c.usage.cost_usd)}});
  return out;
}

values::budget_state state_of(const pg::result& r, std::string month) {
  budget_row row = pg::rows_as<budget_row>(r).front();
  return values::budget_state{row.monthly_usd, std::move(month), row.spent_usd.value_or(0)};
}

}  // namespace

common::awaitable<void> usage_store::record(std::string run_id, std::string user_id, std::vector<values::call_usage> calls) {
  if (calls.empty()) co_return;
  pg::params p{pg::uuid(std::move(run_id)), pg::uuid(std::move(user_id)), pg::jsonb(json::serialize(calls_json(calls)))};
  co_await db_.query(record_sql, std::move(p));
}

common::awaitable<std::vector<values::call_usage>> usage_store::run_calls(std::string run_id, std::string user_id) {
  pg::params p{pg::uuid(std::move(run_id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(run_calls_sql, std::move(p));
  std::vector<values::call_usage> out;
  for (call_row& row : pg::rows_as<call_row>(r))
    out.push_back({std::move(row.stage), std::move(row.model),
                   values::token_usage{row.prompt_tokens, row.completion_tokens, row.cost_usd.value_or(0)}});
  co_return out;
}

common::awaitable<std::vector<values::daily_model_usage>> usage_store::month_groups(std::string user_id, std::string month) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(month))};
  pg::result r = co_await db_.query(month_groups_sql, std::move(p));
  std::vector<values::daily_model_usage> out;
  for (group_row& row : pg::rows_as<group_row>(r)) {
    values::token_usage usage{row.prompt_tokens, row.completion_tokens, row.cost_usd.value_or(0)};
    out.push_back({std::move(row.date), std::move(row.model), usage});
  }
  co_return out;
}

common::awaitable<values::budget_state> usage_store::budget(std::string user_id, std::string month) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(month)};
  pg::result r = co_await db_.query(budget_sql, std::move(p));
  co_return state_of(r, std::move(month));
}

common::awaitable<values::budget_state> usage_store::set_budget(std::string user_id, std::optional<double> monthly_usd,
                                                                std::string month) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(month), pg::float8(monthly_usd)};
  pg::result r = co_await db_.query(set_budget_sql, std::move(p));
  co_return state_of(r, std::move(month));
}

}  // namespace council::storage
