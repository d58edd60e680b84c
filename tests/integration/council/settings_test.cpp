// Conversation settings through the real services: checked, stored, returned, and sent upstream (system prompt,
// temperature, max_tokens); exclude_self_votes in the aggregate rankings.
#include "integration/council/council_fixture.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key_s = "sk-or-v1-settings-user-key-SSSS";

/// The fake's requests for `model` (every stage), oldest first.
std::vector<json::object> all_requests_for(council_fixture& stack, const std::string& model) {
  std::vector<json::object> out;
  for (const auto& r : stack.fake_requests())
    if (field(r, "model") == model) out.push_back(r.as_object());
  return out;
}

bool starts_with_system(const json::object& request, const std::string& prompt) {
  const json::array& messages = messages_of(request);
  return !messages.empty() && field(messages[0], "role") == "system" && field(messages[0], "content") == prompt;
}

bool has_system(const json::object& request) {
  for (const auto& m : messages_of(request))
    if (field(m, "role") == "system") return true;
  return false;
}

}  // namespace

TEST_CASE("conversation settings are checked, stored and returned", "[council][settings][integration]") {
  council_fixture stack;
  auto token = stack.user("settings@example.com", "");

  auto plain = stack.call("POST", "/api/conversations", "{}", token);
  REQUIRE(plain.status == 200);
  auto defaults = json::parse(plain.body);
  CHECK(defaults.at("system_prompt").is_null());
  CHECK(defaults.at("temperature").is_null());
  CHECK(defaults.at("max_tokens").is_null());
  CHECK(defaults.at("exclude_self_votes") == json::value(false));

  const std::string prompt(4000, 'p');
  auto created = stack.call("POST", "/api/conversations",
                            R"({"system_prompt": ")" + prompt +
                                R"(", "temperature": 1.25, "max_tokens": 32000, "exclude_self_votes": true})",
                            token);
  REQUIRE(created.status == 200);
  auto body = json::parse(created.body);
  CHECK(field(body, "system_prompt") == prompt);
  CHECK(body.at("temperature").to_number<double>() == 1.25);
  CHECK(body.at("max_tokens").to_number<long long>() == 32000);
  CHECK(body.at("exclude_self_votes") == json::value(true));
  auto stored = stack.conversation(field(body, "id"), token);
  for (const char* name : {"system_prompt", "temperature", "max_tokens", "exclude_self_votes", "models", "lead_model"})
    CHECK(stored.at(name) == body.at(name));
  // Bounds are allowed; an integral number is an integer; null is none.
  auto edges = json::parse(stack.call("POST", "/api/conversations",
                                      R"({"temperature": 0, "max_tokens": 1.0, "system_prompt": null})", token)
                               .body);
  CHECK(edges.at("temperature").to_number<double>() == 0);
  CHECK(edges.at("max_tokens").to_number<long long>() == 1);
  CHECK(edges.at("system_prompt").is_null());
  CHECK(json::parse(stack.call("POST", "/api/conversations", R"({"temperature": 2})", token).body)
            .at("temperature")
            .to_number<double>() == 2);
  CHECK(stack.call("GET", "/api/conversations", "", token).body.find("temperature") == std::string::npos);

  std::string listed_before = stack.auth.database().psql("SELECT count(*) FROM council.conversations");
  struct bad_case {
    std::string body;
    std::string detail;
  };
  std::vector<bad_case> cases{
      {R"({"system_prompt": ")" + std::string(4001, 'p') + R"("})", "system_prompt: must be at most 4000 characters"},
      {R"({"system_prompt": 5})", "system_prompt: must be a string"},
      {R"({"temperature": -0.1})", "temperature: must be a number from 0 to 2"},
      {R"({"temperature": 2.01})", "temperature: must be a number from 0 to 2"},
      {R"({"temperature": "1"})", "temperature: must be a number from 0 to 2"},
      {R"({"temperature": true})", "temperature: must be a number from 0 to 2"},
      {R"({"max_tokens": 0})", "max_tokens: must be an integer from 1 to 32000"},
      {R"({"max_tokens": 32001})", "max_tokens: must be an integer from 1 to 32000"},
      {R"({"max_tokens": 1.5})", "max_tokens: must be an integer from 1 to 32000"},
      {R"({"max_tokens": "10"})", "max_tokens: must be an integer from 1 to 32000"},
      {R"({"max_tokens": 18446744073709551615})", "max_tokens: must be an integer from 1 to 32000"},
      {R"({"exclude_self_votes": "yes"})", "exclude_self_votes: must be a boolean"},
      {R"({"exclude_self_votes": null})", "exclude_self_votes: must be a boolean"},
      // Settings are checked before the model selection (a 400).
      {R"({"models": ["nope/nope", "x/y"], "temperature": 3})", "temperature: must be a number from 0 to 2"},
  };
  for (const auto& c : cases) {
    INFO(c.body.substr(0, 80));
    auto res = stack.call("POST", "/api/conversations", c.body, token);
    CHECK(res.status == 422);
    CHECK(detail_of(res) == c.detail);
  }
  CHECK(stack.auth.database().psql("SELECT count(*) FROM council.conversations") == listed_before);
}

TEST_CASE("the system prompt goes to stages 1 and 3; temperature and max_tokens go to every call", "[council][settings][integration]") {
  council_fixture stack;
  auto token = stack.user("settings-upstream@example.com", key_s);
  const std::string prompt = "Answer like a careful pirate.";
  auto id = stack.create_conversation(
      token, R"({"system_prompt": ")" + prompt + R"(", "temperature": 0.3, "max_tokens": 500})");
  stack.reset_fake();

  REQUIRE(stack.ask(id, "Where is the treasure?", token).status == 200);
  REQUIRE(stack.ask(id, "And the map?", token).status == 200);
  json::array requests = stack.fake_requests();
  REQUIRE(requests.size() == 15);  // 8 for the first question (with the title), 7 for the second
  for (const auto& r : requests) {
    INFO(json::serialize(r));
    CHECK(r.at("parameters").at("temperature").to_number<double>() == 0.3);
    CHECK(r.at("parameters").at("max_tokens").to_number<long long>() == 500);
  }
  for (const auto& model : {alpha_model, beta_model, gamma_model}) {
    auto asked = all_requests_for(stack, model);
    REQUIRE(asked.size() == 4);  // stage 1 and stage 2, twice
    std::size_t with_prompt = 0;
    for (const auto& r : asked) {
      if (has_system(r)) {
        CHECK(starts_with_system(r, prompt));
        ++with_prompt;
      }
    }
    CHECK(with_prompt == 2);  // the stage-1 calls, not the rankings
    CHECK(starts_with_system(stack.requests_for(model, "Where is the treasure?").at(0), prompt));
    auto second = stack.requests_for(model, "And the map?").at(0);
    CHECK(starts_with_system(second, prompt));
    CHECK(messages_of(second).size() == 4);  // system, then the earlier turn, then the question
  }
  auto lead = all_requests_for(stack, lead_model);
  REQUIRE(lead.size() == 2);
  for (const auto& r : lead) CHECK(starts_with_system(r, prompt));
  auto title = all_requests_for(stack, title_model);
  REQUIRE(title.size() == 1);
  CHECK_FALSE(has_system(title[0]));

  // The usage counts the system message: the same question without it costs the lead fewer prompt tokens.
  auto plain = stack.create_conversation(token);
  auto plain_reply = stack.ask(plain, "Where is the treasure?", token);
  REQUIRE(plain_reply.status == 200);
  auto lead_prompt_tokens = [&](const json::value& usage) {
    return usage.at("by_model").at(lead_model).at("prompt_tokens").to_number<long long>();
  };
  auto answer = stack.conversation(id, token).at("messages").as_array().at(1);
  CHECK(lead_prompt_tokens(answer.at("usage")) > lead_prompt_tokens(plain_reply.first("complete").data.at("usage")));
}

TEST_CASE("a conversation without settings sends none", "[council][settings][integration]") {
  council_fixture stack;
  auto token = stack.user("settings-none@example.com", key_s);
  auto id = stack.create_conversation(token);
  stack.reset_fake();
  REQUIRE(stack.ask(id, "Plain question?", token).status == 200);
  for (const auto& r : stack.fake_requests()) {
    INFO(json::serialize(r));
    const json::object& parameters = r.at("parameters").as_object();
    CHECK_FALSE(parameters.contains("temperature"));
    CHECK_FALSE(parameters.contains("max_tokens"));
    CHECK_FALSE(has_system(r.as_object()));
  }
}

TEST_CASE("exclude_self_votes leaves each model's vote on its own answer out of the aggregate", "[council][settings][integration]") {
  council_fixture stack;
  auto token = stack.user("settings-votes@example.com", key_s);
  auto with_self = stack.create_conversation(token);
  auto without_self = stack.create_conversation(token, R"({"exclude_self_votes": true})");

  auto counted = stack.ask(with_self, "Who is best?", token);
  auto excluded = stack.ask(without_self, "Who is best?", token);
  REQUIRE(counted.status == 200);
  REQUIRE(excluded.status == 200);
  for (const auto& entry : counted.first("complete").data.at("metadata").at("aggregate_rankings").as_array())
    CHECK(entry.at("rankings_count").to_number<int>() == 3);
  const json::value& metadata = excluded.first("complete").data.at("metadata");
  const json::array& aggregate = metadata.at("aggregate_rankings").as_array();
  REQUIRE(aggregate.size() == 3);
  for (const auto& entry : aggregate) {
    CHECK(entry.at("rankings_count").to_number<int>() == 2);
    double rank = entry.at("average_rank").to_number<double>();
    CHECK(rank >= 1.0);
    CHECK(rank <= 2.0);
  }
  // The stored evaluations keep every label as the models wrote them.
  for (const auto& evaluation : excluded.first("stage2_complete").data.at("data").as_array())
    CHECK(evaluation.at("parsed_ranking").as_array().size() == 3);
  auto stored = stack.conversation(without_self, token).at("messages").as_array().at(1);
  const json::array& stored_aggregate = stored.at("metadata").at("aggregate_rankings").as_array();
  REQUIRE(stored_aggregate.size() == aggregate.size());
  for (std::size_t i = 0; i < aggregate.size(); ++i) {
    CHECK(field(stored_aggregate[i], "model") == field(aggregate[i], "model"));
    CHECK(stored_aggregate[i].at("average_rank").to_number<double>() == aggregate[i].at("average_rank").to_number<double>());
    CHECK(stored_aggregate[i].at("rankings_count") == aggregate[i].at("rankings_count"));
  }
}
