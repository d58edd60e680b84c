// Month and budget checks, and the budget sentence.
#include "council/domain/usage_rules.hpp"
#include "common/core/time.hpp"
#include <boost/json/value.hpp>
#include <cstdio>

namespace council::domain {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string dollars(double amount) {
  char text[64];
  std::snprintf(text, sizeof text, "$%.2f", amount);
  return text;
}

}  // namespace

bool is_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6})
    if (!is_digit(text[i])) return false;
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return text.substr(0, 4) != "0000" && month >= 1 && month <= 12;
}

std::string current_month() { return common::format_rfc3339(common::now_utc()).substr(0, 7); }

boost::system::result<std::optional<double>, std::string> budget_of(const std::optional<boost::json::value>& monthly_usd) {
  using out = boost::system::result<std::optional<double>, std::string>;
  auto refuse = [](std::string reason) { return out(boost::system::in_place_error, "monthly_usd: " + std::move(reason)); };
  if (!monthly_usd) return refuse("field required");
  if (monthly_usd->is_null()) return std::optional<double>();
  if (!monthly_usd->is_number()) return refuse("must be a number or null");
  const double amount = monthly_usd->to_number<double>();
  if (amount < 0) return refuse("must be at least 0");
  if (amount > max_budget_usd) return refuse("must be at most 1000000000000");
  return std::optional<double>(amount);
}

std::string budget_reached_sentence(double spent_usd, double budget_usd) {
  return "This month's spending of " + dollars(spent_usd) + " has reached your monthly budget of " + dollars(budget_usd) +
         ". Raise the budget in Settings to run the council again.";
}

}  // namespace council::domain
