// Usage sums and their JSON shapes.
#include "council/values/usage.hpp"
#include <boost/json/value_from.hpp>
#include <cmath>

namespace council::values {
namespace json = boost::json;

namespace {

constexpr double cost_units_per_usd = 1e10;

json::object three_of(const token_usage& u) {
  return json::object{{"prompt_tokens", u.prompt_tokens}, {"completion_tokens", u.completion_tokens}, {"cost_usd", u.cost_usd}};
}

json::object per_model(const std::map<std::string, token_usage>& by_model) {
  json::object out;
  for (const auto& [model, usage] : by_model) out[model] = three_of(usage);
  return out;
}

}  // namespace

double round_cost(double cost) { return std::round(cost * cost_units_per_usd) / cost_units_per_usd; }

void token_usage::add(const token_usage& other) {
  prompt_tokens += other.prompt_tokens;
  completion_tokens += other.completion_tokens;
  cost_usd = round_cost(cost_usd + round_cost(other.cost_usd));
}

void usage_summary::add(const std::string& model, const token_usage& call) {
  total.add(call);
  by_model[model].add(call);
}

usage_summary summary_of(const std::vector<call_usage>& calls) {
  usage_summary summary;
  for (const auto& call : calls) summary.add(call.model, call.usage);
  return summary;
}

usage_report report_of(std::string month, const std::vector<daily_model_usage>& groups, std::optional<double> budget_usd) {
  usage_report report{std::move(month), {}, {}, budget_usd};
  std::map<std::string, token_usage> days;
  for (const auto& group : groups) {
    report.summary.add(group.model, group.usage);
    days[group.date].add(group.usage);
  }
  for (const auto& [date, usage] : days) report.by_day.push_back({date, usage});
  return report;
}

void tag_invoke(json::value_from_tag, json::value& out, const usage_summary& u) {
  json::object o = three_of(u.total);
  o["by_model"] = per_model(u.by_model);
  out = std::move(o);
}

void tag_invoke(json::value_from_tag, json::value& out, const usage_report& r) {
  json::array days;
  for (const auto& day : r.by_day) {
    json::object d{{"date", day.date}};
    for (const auto& field : three_of(day.usage)) d[field.key()] = field.value();
    days.push_back(std::move(d));
  }
  out = json::object{{"month", r.month},
                     {"total", three_of(r.summary.total)},
                     {"by_model", per_model(r.summary.by_model)},
                     {"by_day", std::move(days)},
                     {"budget_usd", r.budget_usd ? json::value(*r.budget_usd) : json::value(nullptr)}};
}

}  // namespace council::values
