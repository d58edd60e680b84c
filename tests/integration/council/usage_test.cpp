// Usage and budget through the real services and PostgreSQL: usage asked for on every upstream call, stored per
// call and summed in `complete` and in the stored answer, GET /api/usage, the monthly budget and its 402.
#include "integration/council/council_fixture.hpp"
#include "common/core/time.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <sstream>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key_a = "sk-or-v1-usage-user-key-AAAAAA";
const std::string key_b = "sk-or-v1-usage-user-key-BBBBBB";

/// Token counts and cost, as compared in these tests (whatever the fake's usage formula is).
struct expected_usage {
  long long prompt_tokens = 0;
  long long completion_tokens = 0;
  double cost_usd = 0;
  void add(const expected_usage& other) {
    prompt_tokens += other.prompt_tokens;
    completion_tokens += other.completion_tokens;
    cost_usd += other.cost_usd;
  }
};

expected_usage three_of(const json::value& v) {
  return {v.at("prompt_tokens").to_number<long long>(), v.at("completion_tokens").to_number<long long>(),
          v.at("cost_usd").to_number<double>()};
}

void check_three(const json::value& got, const expected_usage& want) {
  INFO(json::serialize(got));
  CHECK(got.at("prompt_tokens").to_number<long long>() == want.prompt_tokens);
  CHECK(got.at("completion_tokens").to_number<long long>() == want.completion_tokens);
  CHECK(got.at("cost_usd").to_number<double>() == Approx(want.cost_usd).margin(1e-9));
}

/// `usd` with 10 decimals, as council.run_usage keeps it.
std::string decimal10(double usd) {
  std::ostringstream text;
  text.precision(10);
  text << std::fixed << usd;
  return text.str();
}

/// The USAGE of a finished streamed run.
const json::value& usage_of_run(const stream_reply& reply) {
  REQUIRE(reply.status == 200);
  REQUIRE(reply.types().back() == "complete");
  return reply.first("complete").data.at("usage");
}

/// Every model of `usage` reports something (tokens and cost above 0).
void check_all_paid(const json::value& usage) {
  for (const auto& [model, used] : usage.at("by_model").as_object()) {
    INFO(model);
    CHECK(used.at("prompt_tokens").to_number<long long>() > 0);
    CHECK(used.at("completion_tokens").to_number<long long>() > 0);
    CHECK(used.at("cost_usd").to_number<double>() > 0);
  }
}

/// The sum of the by_model entries of `usage`.
expected_usage sum_of_models(const json::value& usage) {
  expected_usage sum;
  for (const auto& [model, used] : usage.at("by_model").as_object()) sum.add(three_of(used));
  return sum;
}

std::string this_month() { return common::format_rfc3339(common::now_utc()).substr(0, 7); }
std::string today() { return common::format_rfc3339(common::now_utc()).substr(0, 10); }

json::value usage_of(council_fixture& stack, const std::string& token, const std::string& query = "") {
  auto res = stack.call("GET", "/api/usage" + query, "", token);
  REQUIRE(res.status == 200);
  return json::parse(res.body);
}

json::value budget_call(council_fixture& stack, const std::string& method, const std::string& token,
                        const std::string& body = "") {
  auto res = stack.call(method, "/api/settings/budget", body, token);
  INFO(res.body);
  REQUIRE(res.status == 200);
  return json::parse(res.body);
}

std::string count_of(council_fixture& stack, const std::string& table) {
  return stack.auth.database().psql("SELECT count(*) FROM council." + table);
}

}  // namespace

TEST_CASE("every upstream call asks for usage; complete and the stored answer carry the run's sums", "[council][usage][integration]") {
  council_fixture stack;
  auto token = stack.user("usage-run@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.reset_fake();

  auto reply = stack.ask(id, "How much does this cost?", token);
  INFO(stack.log());
  const json::value& usage = usage_of_run(reply);

  json::array requests = stack.fake_requests();
  REQUIRE(requests.size() == 8);  // 3 answers, 3 rankings, the synthesis, the title
  for (const auto& r : requests)
    CHECK(r.at("parameters").at("usage") == json::value(json::object{{"include", true}}));

  const json::object& models = usage.at("by_model").as_object();
  CHECK(models.size() == 5);
  for (const auto& model : {alpha_model, beta_model, gamma_model, lead_model, title_model}) CHECK(models.contains(model));
  check_all_paid(usage);
  check_three(usage, sum_of_models(usage));

  auto stored = stack.conversation(id, token);
  const json::value& answer = stored.at("messages").as_array().at(1);
  CHECK(answer.at("usage") == usage);  // the same numbers, to the last bit

  auto& db = stack.auth.database();
  CHECK(db.psql("SELECT stage, count(*) FROM council.run_usage GROUP BY stage ORDER BY stage") ==
        "stage1|3\nstage2|3\nstage3|1\ntitle|1\n");
  CHECK(db.psql("SELECT DISTINCT run_id FROM council.run_usage") == db.psql("SELECT id FROM council.runs"));
  for (const auto& model : {alpha_model, lead_model}) {
    INFO(model);
    std::string row = db.psql("SELECT sum(prompt_tokens), sum(completion_tokens), sum(cost_usd) FROM council.run_usage "
                              "WHERE model = '" + model + "'");
    const expected_usage want = three_of(models.at(model));
    CHECK(row == std::to_string(want.prompt_tokens) + "|" + std::to_string(want.completion_tokens) + "|" +
                     decimal10(want.cost_usd) + "\n");
  }
}

TEST_CASE("the non-streaming run stores usage too, and a failed model counts zero", "[council][usage][integration]") {
  council_fixture stack;
  auto token = stack.user("usage-plain@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"models": {")" + gamma_model + R"(": {"status": 400}}})"));

  auto res = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Plain?"), token);
  REQUIRE(res.status == 200);
  auto answer = stack.conversation(id, token).at("messages").as_array().at(1);
  const json::object& models = answer.at("usage").at("by_model").as_object();
  check_three(models.at(gamma_model), expected_usage{});  // asked twice, answered never
  CHECK(models.at(beta_model).at("cost_usd").to_number<double>() > 0);
  check_three(answer.at("usage"), sum_of_models(answer.at("usage")));
  CHECK(stack.auth.database().psql("SELECT count(*) FROM council.run_usage WHERE model = '" + gamma_model + "'") == "2\n");
}

TEST_CASE("GET /api/usage sums the month per model and per day; the month is checked", "[council][usage][integration]") {
  council_fixture stack;
  auto token = stack.user("usage-report@example.com", key_a);
  auto id = stack.create_conversation(token);

  auto empty = usage_of(stack, token);
  CHECK(field(empty, "month") == this_month());
  check_three(empty.at("total"), expected_usage{});
  CHECK(empty.at("by_model").as_object().empty());
  CHECK(empty.at("by_day").as_array().empty());
  CHECK(empty.at("budget_usd").is_null());

  const json::value first = usage_of_run(stack.ask(id, "First?", token));
  const json::value second = usage_of_run(stack.ask(id, "Second?", token));
  expected_usage total = three_of(first);
  total.add(three_of(second));
  std::map<std::string, expected_usage> by_model;
  for (const auto* run : {&first, &second})
    for (const auto& [model, used] : run->at("by_model").as_object()) by_model[model].add(three_of(used));

  auto report = usage_of(stack, token);
  CHECK(report == usage_of(stack, token, "?month=" + this_month()));
  check_three(report.at("total"), total);
  for (const auto& [model, want] : by_model) check_three(report.at("by_model").at(model), want);
  const json::array& days = report.at("by_day").as_array();
  REQUIRE(days.size() == 1);
  CHECK(field(days[0], "date") == today());
  check_three(days[0], total);

  // An older month, written as if its runs had happened then: days ascending, other months left out.
  auto user_id = stack.auth.database().psql("SELECT id FROM auth.users WHERE email = 'usage-report@example.com'");
  user_id.pop_back();
  stack.auth.database().psql(
      "INSERT INTO council.run_usage (run_id, stage, model, user_id, prompt_tokens, completion_tokens, cost_usd, "
      "created_at) VALUES "
      "(gen_random_uuid(), 'stage1', 'test/alpha', '" + user_id + "', 100, 10, 0.25, '2025-03-20T23:59:59Z'), "
      "(gen_random_uuid(), 'stage2', 'test/beta', '" + user_id + "', 5, 1, 0.5, '2025-03-02T00:00:00Z'), "
      "(gen_random_uuid(), 'stage3', 'test/alpha', '" + user_id + "', 1, 1, 1, '2025-04-01T00:00:00Z'), "
      "(gen_random_uuid(), 'title', 'test/alpha', '" + user_id + "', 1, 1, 2, '2025-02-28T23:59:59Z')");
  auto march = usage_of(stack, token, "?month=2025-03");
  CHECK(field(march, "month") == "2025-03");
  check_three(march.at("total"), expected_usage{105, 11, 0.75});
  check_three(march.at("by_model").at("test/alpha"), expected_usage{100, 10, 0.25});
  check_three(march.at("by_model").at("test/beta"), expected_usage{5, 1, 0.5});
  const json::array& march_days = march.at("by_day").as_array();
  REQUIRE(march_days.size() == 2);
  CHECK(field(march_days[0], "date") == "2025-03-02");
  CHECK(field(march_days[1], "date") == "2025-03-20");
  check_three(march_days[1], expected_usage{100, 10, 0.25});
  check_three(usage_of(stack, token).at("total"), total);  // this month is untouched

  for (const std::string bad : {"2026-13", "2026-00", "2026-1", "26-12", "2026/12", "2026-12-01", "0000-01", "", "abcd-ef"}) {
    INFO(bad);
    auto res = stack.call("GET", "/api/usage?month=" + bad, "", token);
    CHECK(res.status == 422);
    CHECK(detail_of(res) == "month: must be a month as YYYY-MM");
  }
  CHECK(stack.call("GET", "/api/usage").status == 401);
  CHECK(stack.call("GET", "/api/settings/budget").status == 401);
  CHECK(stack.call("PUT", "/api/settings/budget", R"({"monthly_usd": 1})").status == 401);
}

TEST_CASE("PUT /api/settings/budget checks its body and answers the budget state", "[council][usage][integration]") {
  council_fixture stack;
  auto token = stack.user("budget-input@example.com", "");

  auto initial = budget_call(stack, "GET", token);
  CHECK(initial == json::value(json::object{{"monthly_usd", nullptr}, {"month", this_month()}, {"spent_usd", 0.0}}));

  struct bad_case {
    std::string body;
    int status;
    std::string detail;
  };
  std::vector<bad_case> cases{
      {"{", 400, "Malformed JSON body"},
      {"", 400, "Malformed JSON body"},
      {"[]", 422, "body: must be a JSON object"},
      {"{}", 422, "monthly_usd: field required"},
      {R"({"monthly_usd": -0.01})", 422, "monthly_usd: must be at least 0"},
      {R"({"monthly_usd": "5"})", 422, "monthly_usd: must be a number or null"},
      {R"({"monthly_usd": true})", 422, "monthly_usd: must be a number or null"},
      {R"({"monthly_usd": 1e13})", 422, "monthly_usd: must be at most 1000000000000"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    auto res = stack.call("PUT", "/api/settings/budget", c.body, token);
    CHECK(res.status == c.status);
    CHECK(detail_of(res) == c.detail);
  }
  CHECK(count_of(stack, "budgets") == "0\n");

  auto set = budget_call(stack, "PUT", token, R"({"monthly_usd": 12.5})");
  CHECK(set.at("monthly_usd").to_number<double>() == 12.5);
  CHECK(field(set, "month") == this_month());
  CHECK(budget_call(stack, "GET", token) == set);
  CHECK(usage_of(stack, token).at("budget_usd").to_number<double>() == 12.5);
  CHECK(budget_call(stack, "PUT", token, R"({"monthly_usd": 0})").at("monthly_usd").to_number<double>() == 0);
  CHECK(budget_call(stack, "PUT", token, R"({"monthly_usd": null})").at("monthly_usd").is_null());
  CHECK(usage_of(stack, token).at("budget_usd").is_null());
}

TEST_CASE("a run at or over the monthly budget is refused with 402 and nothing stored; null lifts it", "[council][usage][integration]") {
  council_fixture stack;
  auto token = stack.user("budget-run@example.com", key_a);
  auto id = stack.create_conversation(token);

  budget_call(stack, "PUT", token, R"({"monthly_usd": 0})");
  stack.reset_fake();
  const std::string zero_sentence =
      "This month's spending of $0.00 has reached your monthly budget of $0.00. Raise the budget in Settings to run "
      "the council again.";
  auto plain = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Refused?"), token);
  CHECK(plain.status == 402);
  CHECK(detail_of(plain) == zero_sentence);
  auto streamed = stack.stream(id, content_body("Refused too?"), token);
  CHECK(streamed.status == 402);
  CHECK(streamed.events.empty());
  CHECK(detail_of(common::http::client_response{streamed.status, {}, streamed.body}) == zero_sentence);
  CHECK(count_of(stack, "messages") == "0\n");
  CHECK(count_of(stack, "runs") == "0\n");
  CHECK(count_of(stack, "run_usage") == "0\n");
  CHECK(stack.fake_requests().empty());
  // 404 for a conversation that is not the caller's comes first.
  CHECK(stack.call("POST", "/api/conversations/00000000-0000-4000-8000-000000000000/message", content_body("x"), token)
            .status == 404);

  budget_call(stack, "PUT", token, R"({"monthly_usd": 1})");
  const double run_cost = usage_of_run(stack.ask(id, "Within budget?", token)).at("cost_usd").to_number<double>();
  REQUIRE(run_cost > 0);
  REQUIRE(run_cost < 0.01);
  double spent = budget_call(stack, "GET", token).at("spent_usd").to_number<double>();
  CHECK(spent == Approx(run_cost).margin(1e-12));

  // Spending exactly at the budget stops the next run, and the sentence shows both amounts.
  auto user_id = stack.auth.database().psql("SELECT id FROM auth.users WHERE email = 'budget-run@example.com'");
  user_id.pop_back();
  stack.auth.database().psql("INSERT INTO council.run_usage (run_id, stage, model, user_id, cost_usd) VALUES "
                             "(gen_random_uuid(), 'stage1', 'test/alpha', '" + user_id + "', 12.5 - " +
                             decimal10(run_cost) + ")");
  budget_call(stack, "PUT", token, R"({"monthly_usd": 12.5})");
  auto at_budget = stack.call("POST", "/api/conversations/" + id + "/message", content_body("At the budget?"), token);
  CHECK(at_budget.status == 402);
  CHECK(detail_of(at_budget) ==
        "This month's spending of $12.50 has reached your monthly budget of $12.50. Raise the budget in Settings to "
        "run the council again.");
  CHECK(count_of(stack, "messages") == "2\n");

  budget_call(stack, "PUT", token, R"({"monthly_usd": 12.51})");
  REQUIRE(stack.ask(id, "Just under?", token).status == 200);
  budget_call(stack, "PUT", token, R"({"monthly_usd": null})");
  REQUIRE(stack.ask(id, "No budget?", token).status == 200);
  CHECK(count_of(stack, "messages") == "6\n");
}

TEST_CASE("two users' usage and budgets are their own", "[council][usage][integration]") {
  council_fixture stack;
  auto token_a = stack.user("usage-a@example.com", key_a);
  auto token_b = stack.user("usage-b@example.com", key_b);
  auto id_a = stack.create_conversation(token_a);
  auto id_b = stack.create_conversation(token_b);

  const expected_usage run_a = three_of(usage_of_run(stack.ask(id_a, "A's question?", token_a)));
  check_three(usage_of(stack, token_b).at("total"), expected_usage{});
  CHECK(budget_call(stack, "GET", token_b).at("spent_usd").to_number<double>() == 0);
  check_three(usage_of(stack, token_a).at("total"), run_a);

  budget_call(stack, "PUT", token_a, R"({"monthly_usd": 0})");
  CHECK(budget_call(stack, "GET", token_b).at("monthly_usd").is_null());
  CHECK(stack.call("POST", "/api/conversations/" + id_a + "/message", content_body("Blocked?"), token_a).status == 402);
  const expected_usage run_b = three_of(usage_of_run(stack.ask(id_b, "B's question?", token_b)));
  check_three(usage_of(stack, token_b).at("total"), run_b);
  check_three(usage_of(stack, token_a).at("total"), run_a);

  // Deleting a conversation keeps its spending counted.
  CHECK(stack.call("DELETE", "/api/conversations/" + id_b, "", token_b).status == 200);
  check_three(usage_of(stack, token_b).at("total"), run_b);
}
