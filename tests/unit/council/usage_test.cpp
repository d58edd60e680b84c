// Unit tests of usage sums (run USAGE, monthly reports and their JSON), the usage and budget rules, conversation
// settings checks, the system prompt placement and aggregate rankings without self votes.
#include "council/domain/conversation_rules.hpp"
#include "council/domain/usage_rules.hpp"
#include "council/run/prompts.hpp"
#include "council/run/ranking.hpp"
#include "council/values/usage.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

using namespace council;
namespace json = boost::json;

TEST_CASE("a run's usage sums every call, in total and per model, with costs kept to 10 decimals", "[council][usage]") {
  std::vector<values::call_usage> calls{{"stage1", "m/a", {10, 20, 0.1}},
                                        {"stage1", "m/b", {5, 7, 0.2}},
                                        {"stage2", "m/a", {1, 2, 0.00000000004}},
                                        {"stage3", "m/lead", {0, 0, 0}},
                                        {"title", "m/a", {3, 4, 1e-11}}};
  values::usage_summary summary = values::summary_of(calls);
  CHECK(summary.total.prompt_tokens == 19);
  CHECK(summary.total.completion_tokens == 33);
  CHECK(summary.total.cost_usd == 0.3);  // 0.1 + 0.2 is 0.30000000000000004 in doubles; the sum is rounded
  CHECK(summary.by_model.size() == 3);
  CHECK(summary.by_model.at("m/a").prompt_tokens == 14);
  CHECK(summary.by_model.at("m/a").cost_usd == 0.1);  // 4e-11 and 1e-11 round away
  CHECK(summary.by_model.at("m/lead").cost_usd == 0);
  CHECK(values::round_cost(0.00012345678951) == 0.0001234568);

  json::value j = json::value_from(summary);
  CHECK(j.at("prompt_tokens") == json::value(19));
  CHECK(j.at("cost_usd").to_number<double>() == 0.3);
  CHECK(j.at("by_model").at("m/b") == json::parse(R"({"prompt_tokens": 5, "completion_tokens": 7, "cost_usd": 0.2})"));
  CHECK(json::value_from(values::usage_summary{}) ==
        json::parse(R"({"prompt_tokens": 0, "completion_tokens": 0, "cost_usd": 0.0, "by_model": {}})"));
}

TEST_CASE("a month's report sums its day-and-model groups per model and per day, days ascending", "[council][usage]") {
  std::vector<values::daily_model_usage> groups{{"2026-12-03", "m/a", {1, 2, 0.5}},
                                                {"2026-12-01", "m/b", {10, 20, 0.25}},
                                                {"2026-12-03", "m/b", {100, 200, 1}},
                                                {"2026-12-01", "m/a", {1000, 2000, 2}}};
  values::usage_report report = values::report_of("2026-12", groups, 5.0);
  json::value j = json::value_from(report);
  CHECK(j == json::parse(R"({"month": "2026-12",
    "total": {"prompt_tokens": 1111, "completion_tokens": 2222, "cost_usd": 3.75},
    "by_model": {"m/a": {"prompt_tokens": 1001, "completion_tokens": 2002, "cost_usd": 2.5},
                 "m/b": {"prompt_tokens": 110, "completion_tokens": 220, "cost_usd": 1.25}},
    "by_day": [{"date": "2026-12-01", "prompt_tokens": 1010, "completion_tokens": 2020, "cost_usd": 2.25},
               {"date": "2026-12-03", "prompt_tokens": 101, "completion_tokens": 202, "cost_usd": 1.5}],
    "budget_usd": 5.0})"));
  json::value empty = json::value_from(values::report_of("2026-01", {}, std::nullopt));
  CHECK(empty.at("by_day").as_array().empty());
  CHECK(empty.at("by_model").as_object().empty());
  CHECK(empty.at("budget_usd").is_null());
}

TEST_CASE("months, budgets and the budget sentence", "[council][usage]") {
  using namespace council::domain;
  for (const char* good : {"2026-12", "0001-01", "9999-09", "1970-10"}) CHECK(is_month(good));
  for (const char* bad : {"2026-13", "2026-00", "0000-05", "2026-1", "2026-123", "2026/12", "", "2026-12-01"})
    CHECK_FALSE(is_month(bad));
  CHECK(is_month(current_month()));

  CHECK(**budget_of(json::value(12.5)) == 12.5);
  CHECK(**budget_of(json::value(0)) == 0.0);
  REQUIRE(budget_of(json::value(nullptr)).has_value());
  CHECK_FALSE(budget_of(json::value(nullptr))->has_value());
  CHECK(budget_of(std::nullopt).error() == "monthly_usd: field required");
  CHECK(budget_of(json::value(-1)).error() == "monthly_usd: must be at least 0");
  CHECK(budget_of(json::value("3")).error() == "monthly_usd: must be a number or null");
  CHECK(budget_of(json::value(1e13)).error() == "monthly_usd: must be at most 1000000000000");
  CHECK(budget_reached_sentence(12.345678, 10) ==
        "This month's spending of $12.35 has reached your monthly budget of $10.00. Raise the budget in Settings to "
        "run the council again.");
}

TEST_CASE("conversation settings are checked field by field", "[council][rules]") {
  using namespace council::domain;
  auto none = choose_settings(std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  REQUIRE(none.has_value());
  CHECK_FALSE(none->system_prompt);
  CHECK_FALSE(none->temperature);
  CHECK_FALSE(none->max_tokens);
  CHECK_FALSE(none->exclude_self_votes);

  auto all = choose_settings(std::string(4000, 'x'), json::value(2), json::value(32000.0), true);
  REQUIRE(all.has_value());
  CHECK(all->system_prompt->size() == 4000);
  CHECK(*all->temperature == 2.0);
  CHECK(*all->max_tokens == 32000);
  CHECK(all->exclude_self_votes);
  CHECK(choose_settings(std::string(4000, 'x') + "\u00e9", {}, {}, {}).error() ==
        "system_prompt: must be at most 4000 characters");  // characters, not bytes
  CHECK(choose_settings(std::string(3999, 'x') + "\u00e9", {}, {}, {}).has_value());
  CHECK(choose_settings({}, json::value(nullptr), json::value(nullptr), {}).has_value());
  for (const json::value& t : {json::value(-0.001), json::value(2.5), json::value("1"), json::value(true)})
    CHECK(choose_settings({}, t, {}, {}).error() == "temperature: must be a number from 0 to 2");
  for (const json::value& n : {json::value(0), json::value(32001), json::value(2.5), json::value("5"),
                               json::value(std::uint64_t(18446744073709551615ULL)), json::value(1e300)})
    CHECK(choose_settings({}, {}, n, {}).error() == "max_tokens: must be an integer from 1 to 32000");
}

TEST_CASE("the system prompt leads the messages when set", "[council][prompts]") {
  std::vector<values::chat_message> messages{{"user", "q"}};
  CHECK(run::with_system_prompt(std::nullopt, messages).size() == 1);
  CHECK(run::with_system_prompt(std::string(), messages).size() == 1);
  auto with = run::with_system_prompt(std::string("Be brief."), messages);
  REQUIRE(with.size() == 2);
  CHECK(with[0].role == "system");
  CHECK(with[0].content == "Be brief.");
  CHECK(with[1].content == "q");
}

TEST_CASE("aggregate rankings without self votes leave each ranker's own label out", "[council][ranking]") {
  values::label_map labels{{"Response A", "m/a"}, {"Response B", "m/b"}, {"Response C", "m/c"}};
  std::vector<values::stage2_result> stage2{
      {"m/a", "", {"Response A", "Response B", "Response C"}},  // votes for itself first
      {"m/b", "", {"Response B", "Response C", "Response A"}},
      {"m/c", "", {"Response A", "Response C", "Response B"}},
  };
  auto counted = run::aggregate_rankings(stage2, labels);
  REQUIRE(counted.size() == 3);
  CHECK(counted[0].model == "m/a");
  CHECK(counted[0].average_rank == Approx(5.0 / 3).margin(0.005));
  CHECK(counted[0].rankings_count == 3);

  auto excluded = run::aggregate_rankings(stage2, labels, true);
  REQUIRE(excluded.size() == 3);
  // m/a: ranked 2nd by m/b, 1st by m/c -> 1.5; m/b: 1st by m/a, 2nd by m/c -> 1.5; m/c: 2nd by m/a, 1st by m/b -> 1.5.
  for (const auto& entry : excluded) {
    CHECK(entry.rankings_count == 2);
    CHECK(entry.average_rank == 1.5);
  }
  CHECK(excluded[0].model == "m/a");  // ties stay in label order

  std::vector<values::stage2_result> only_self{{"m/a", "", {"Response A"}}};
  CHECK(run::aggregate_rankings(only_self, labels, true).empty());
  CHECK(run::aggregate_rankings(only_self, labels, false).size() == 1);
}
