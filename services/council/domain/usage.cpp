// Usage reports and budgets over usage_store.
#include "council/domain/usage.hpp"
#include "council/domain/usage_rules.hpp"

namespace council::domain {

common::awaitable<outcome<values::usage_report>> usage_report(services& svc, caller who, std::optional<std::string> month) {
  std::string wanted = month ? std::move(*month) : current_month();
  if (!is_month(wanted)) co_return fail(errc::invalid_input, "month: must be a month as YYYY-MM");
  auto groups = co_await svc.usage.month_groups(who.user_id, wanted);
  values::budget_state state = co_await svc.usage.budget(std::move(who.user_id), wanted);
  co_return values::report_of(std::move(wanted), groups, state.monthly_usd);
}

common::awaitable<values::budget_state> budget(services& svc, caller who) {
  values::budget_state state = co_await svc.usage.budget(std::move(who.user_id), current_month());
  co_return state;
}

common::awaitable<outcome<values::budget_state>> set_budget(services& svc, caller who, api::budget_in in) {
  auto amount = budget_of(in.monthly_usd);
  if (!amount) co_return fail(errc::invalid_input, amount.error());
  values::budget_state state = co_await svc.usage.set_budget(std::move(who.user_id), *amount, current_month());
  co_return state;
}

common::awaitable<outcome<void>> check_budget(services& svc, std::string user_id) {
  values::budget_state state = co_await svc.usage.budget(std::move(user_id), current_month());
  if (state.monthly_usd && state.spent_usd >= *state.monthly_usd)
    co_return fail(errc::budget_reached, budget_reached_sentence(state.spent_usd, *state.monthly_usd));
  co_return outcome<void>();
}

}  // namespace council::domain
