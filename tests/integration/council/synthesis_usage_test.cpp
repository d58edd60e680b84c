// The synthesis retry with usage, budget and conversation settings through the real services and PostgreSQL: its
// call adds to the run's usage and its `complete` carries the whole run's, it is asked with the conversation's
// system prompt, temperature and max_tokens, and it is refused with 402 at the monthly budget.
#include "integration/council/council_fixture.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key = "sk-or-v1-synthesis-usage-key-SUSU";

std::string synthesis_path(const std::string& id, const std::string& run_id) {
  return "/api/conversations/" + id + "/runs/" + run_id + "/synthesis/stream";
}

/// The last message of the stored conversation.
json::value last_message(council_fixture& stack, const std::string& id, const std::string& token) {
  auto stored = stack.conversation(id, token);
  const auto& messages = stored.at("messages").as_array();
  REQUIRE_FALSE(messages.empty());
  return messages.back();
}

/// Asks a question whose lead model fails (stages 1 and 2 stored, status failed); the run id.
std::string failed_run(council_fixture& stack, const std::string& id, const std::string& token) {
  stack.configure_fake(json::parse(R"({"models": {")" + lead_model + R"(": {"status": 400, "error_message": "gone"}}})"));
  auto failed = stack.ask(id, "Who leads the synthesis?", token);
  REQUIRE(failed.types().back() == "error");
  stack.reset_fake();
  return failed.run_id();
}

long long tokens_of(const json::value& usage, const std::string& model, const char* which) {
  return usage.at("by_model").at(model).at(which).to_number<long long>();
}

}  // namespace

TEST_CASE("a synthesis retry adds its call to the run's usage, is asked with the conversation's settings, and its "
          "complete carries the whole run's usage",
          "[council][usage][runs][integration]") {
  council_fixture stack;
  auto token = stack.user("synthesis-usage@example.com", key);
  const std::string prompt = "Answer in one short sentence.";
  auto id = stack.create_conversation(
      token, R"({"system_prompt": ")" + prompt + R"(", "temperature": 0.7, "max_tokens": 321})");
  const std::string run_id = failed_run(stack, id, token);

  auto failed = last_message(stack, id, token);
  REQUIRE(field(failed, "status") == "failed");
  REQUIRE(failed.at("usage").is_object());  // the failed run's calls are counted
  const json::value before = failed.at("usage");
  REQUIRE(before.at("by_model").as_object().contains(alpha_model));  // its stage-1 and stage-2 calls

  auto retried = stack.open_stream("POST", synthesis_path(id, run_id), R"({"lead_model": ")" + alpha_model + R"("})", token);
  INFO(stack.log());
  REQUIRE(retried.status == 200);
  REQUIRE(retried.types() == std::vector<std::string>{"stage3_start", "stage3_complete", "complete"});

  // The stage-3 request: the system prompt first, the conversation's temperature and max_tokens.
  auto asked = stack.requests_for(alpha_model);
  REQUIRE(asked.size() == 1);
  INFO(json::serialize(asked[0]));
  const json::array& messages = messages_of(asked[0]);
  REQUIRE(messages.size() == 2);
  CHECK(field(messages[0], "role") == "system");
  CHECK(field(messages[0], "content") == prompt);
  CHECK(field(messages[1], "role") == "user");
  CHECK(asked[0].at("parameters").at("temperature").to_number<double>() == 0.7);
  CHECK(asked[0].at("parameters").at("max_tokens").to_number<long long>() == 321);

  // complete carries the whole run's usage: the failed run's calls plus the synthesis, as the stored answer does.
  const json::value& usage = retried.first("complete").data.at("usage");
  const json::value& earlier_alpha = before.at("by_model").at(alpha_model);
  CHECK(tokens_of(usage, alpha_model, "prompt_tokens") > earlier_alpha.at("prompt_tokens").to_number<long long>());
  CHECK(tokens_of(usage, alpha_model, "completion_tokens") > earlier_alpha.at("completion_tokens").to_number<long long>());
  CHECK(usage.at("by_model").at(lead_model) == before.at("by_model").at(lead_model));
  CHECK(usage.at("by_model").as_object().size() == before.at("by_model").as_object().size());
  CHECK(usage.at("prompt_tokens").to_number<long long>() > before.at("prompt_tokens").to_number<long long>());
  CHECK(usage.at("cost_usd").to_number<double>() > before.at("cost_usd").to_number<double>());

  auto completed = last_message(stack, id, token);
  CHECK(field(completed, "status") == "completed");
  CHECK(completed.at("usage") == usage);

  auto& db = stack.auth.database();
  CHECK(db.psql("SELECT stage, model FROM council.run_usage WHERE run_id = '" + run_id + "' AND stage = 'stage3' "
                "ORDER BY model") == "stage3|" + alpha_model + "\nstage3|" + lead_model + "\n");
  auto month = stack.call("GET", "/api/usage", "", token);
  REQUIRE(month.status == 200);
  CHECK(json::parse(month.body).at("total").at("cost_usd").to_number<double>() ==
        Approx(usage.at("cost_usd").to_number<double>()).margin(1e-9));
}

TEST_CASE("a synthesis retry at the monthly budget is refused with 402 and changes nothing", "[council][usage][runs][integration]") {
  council_fixture stack;
  auto token = stack.user("synthesis-budget@example.com", key);
  auto id = stack.create_conversation(token);
  const std::string run_id = failed_run(stack, id, token);
  auto& db = stack.auth.database();
  const std::string events_before = db.psql("SELECT count(*) FROM council.run_events");
  const std::string usage_before = db.psql("SELECT count(*), sum(cost_usd) FROM council.run_usage");

  REQUIRE(stack.call("PUT", "/api/settings/budget", R"({"monthly_usd": 0})", token).status == 200);
  auto refused = stack.open_stream("POST", synthesis_path(id, run_id), "", token);
  CHECK(refused.status == 402);
  CHECK(refused.events.empty());
  CHECK(detail_of(common::http::client_response{refused.status, {}, refused.body}).find(
            "has reached your monthly budget of $0.00. Raise the budget in Settings to run the council again.") !=
        std::string::npos);
  CHECK(stack.fake_requests().empty());
  CHECK(field(last_message(stack, id, token), "status") == "failed");
  CHECK(db.psql("SELECT count(*) FROM council.run_events") == events_before);
  CHECK(db.psql("SELECT count(*), sum(cost_usd) FROM council.run_usage") == usage_before);
  CHECK(db.psql("SELECT status FROM council.runs WHERE id = '" + run_id + "'") == "failed\n");
  // The conversation check comes first: another user's conversation is 404 even at the budget.
  CHECK(stack.open_stream("POST", synthesis_path("00000000-0000-4000-8000-000000000000", run_id), "", token).status == 404);

  REQUIRE(stack.call("PUT", "/api/settings/budget", R"({"monthly_usd": null})", token).status == 200);
  auto retried = stack.open_stream("POST", synthesis_path(id, run_id), "", token);
  REQUIRE(retried.status == 200);
  CHECK(retried.types().back() == "complete");
  CHECK(field(last_message(stack, id, token), "status") == "completed");
}
