// Upstream failures through the real services: retries (and what is never retried), Retry-After,
// time-outs, broken answers, partial and total failure of stage 1, a failing lead model.
#include "integration/council/council_fixture.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key = "sk-or-v1-failure-tests-key-FFFFFF";

/// The error entries of a stored or streamed metadata object.
json::array errors_in(const json::value& metadata) { return metadata.at("errors").as_array(); }

const json::object* error_for(const json::array& errors, const std::string& stage, const std::string& model) {
  for (const auto& e : errors)
    if (field(e, "stage") == stage && field(e, "model") == model) return &e.as_object();
  return nullptr;
}

/// Seconds since midnight of an RFC 3339 time such as 2026-11-22T03:17:13.315987Z.
double seconds_of_day(const std::string& at) {
  REQUIRE(at.size() >= 19);
  return std::stoi(at.substr(11, 2)) * 3600.0 + std::stoi(at.substr(14, 2)) * 60.0 + std::stod(at.substr(17, at.size() - 18));
}

struct started {
  council_fixture stack;
  std::string token = stack.user("failures@example.com", key);
  std::string id = stack.create_conversation(token);
};

}  // namespace

TEST_CASE("429 and 5xx are retried until success; the retries are invisible in the answer", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"models": {"test/beta": {"status": 503, "fail_times": 2}}})"));
  auto reply = s.stack.ask(s.id, "Retry me?", s.token);
  INFO(s.stack.log());
  REQUIRE(reply.types().back() == "complete");
  CHECK(s.stack.requests_for(beta_model, "Retry me?").size() == 3);
  CHECK(reply.first("stage1_complete").data.at("data").as_array().size() == 3);
  CHECK(errors_in(reply.first("complete").data.at("metadata")).empty());
}

TEST_CASE("a 400 is not retried and the model is left out with its error", "[council][integration]") {
  started s;
  s.stack.configure_fake(
      json::parse(R"({"models": {"test/gamma": {"status": 400, "error_message": "gamma does not exist"}}})"));
  auto reply = s.stack.ask(s.id, "Partial failure?", s.token);
  REQUIRE(reply.types().back() == "complete");
  CHECK(s.stack.requests_for(gamma_model, "Partial failure?").size() == 1);
  auto stage1 = reply.first("stage1_complete").data.at("data").as_array();
  REQUIRE(stage1.size() == 2);
  for (const auto& r : stage1) CHECK(field(r, "model") != gamma_model);
  CHECK(reply.first("stage2_complete").data.at("metadata").at("label_to_model").as_object().size() == 2);

  auto stored = s.stack.conversation(s.id, s.token);
  auto errors = errors_in(stored.at("messages").as_array()[1].at("metadata"));
  const auto* e = error_for(errors, "stage1", gamma_model);
  REQUIRE(e != nullptr);
  CHECK(e->at("status").to_number<int>() == 400);
  CHECK(field(*e, "message") == "gamma does not exist");
  CHECK(error_for(errors, "stage2", gamma_model) != nullptr);
}

TEST_CASE("Retry-After is honoured before the next try", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"models": {"test/alpha": {"status": 429, "fail_times": 1, "retry_after": 1}}})"));
  auto reply = s.stack.ask(s.id, "Patience?", s.token);
  REQUIRE(reply.types().back() == "complete");
  auto tries = s.stack.requests_for(alpha_model, "Patience?");
  REQUIRE(tries.size() == 2);
  double gap = seconds_of_day(field(tries[1], "at")) - seconds_of_day(field(tries[0], "at"));
  CHECK(gap >= 0.95);
}

TEST_CASE("a hanging model times out after UPSTREAM_TIMEOUT and is retried", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"models": {"test/alpha": {"hang": true, "fail_times": 1}}})"));
  auto reply = s.stack.ask(s.id, "Hang once?", s.token);
  REQUIRE(reply.types().back() == "complete");
  CHECK(s.stack.requests_for(alpha_model, "Hang once?").size() == 2);
  CHECK(reply.first("stage1_complete").data.at("data").as_array().size() == 3);
}

TEST_CASE("null content and malformed JSON are failures of that model with a clear message", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(
      R"({"models": {"test/alpha": {"content": null}, "test/beta": {"malformed": true}}})"));
  auto reply = s.stack.ask(s.id, "Broken answers?", s.token);
  REQUIRE(reply.types().back() == "complete");
  auto errors = errors_in(reply.first("complete").data.at("metadata"));
  const auto* null_content = error_for(errors, "stage1", alpha_model);
  const auto* malformed = error_for(errors, "stage1", beta_model);
  REQUIRE(null_content != nullptr);
  REQUIRE(malformed != nullptr);
  CHECK(field(*null_content, "message") == "the model returned no content");
  CHECK(field(*malformed, "message") == "malformed JSON in the provider's response");
  CHECK(s.stack.requests_for(alpha_model, "Broken answers?").size() == 1);  // not retried
  CHECK(reply.first("stage1_complete").data.at("data").as_array().size() == 1);
}

TEST_CASE("when every model fails stage 1 the run ends with an error naming the causes", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"default": {"status": 401, "error_message": "Invalid API key"}})"));
  auto reply = s.stack.ask(s.id, "Anyone?", s.token);
  REQUIRE(reply.status == 200);
  CHECK(reply.types() == std::vector<std::string>{"stage1_start", "error"});
  std::string message = field(reply.first("error").data, "message");
  CHECK(message.find("All models failed to respond") == 0);
  for (const auto& m : {alpha_model, beta_model, gamma_model}) CHECK(message.find(m) != std::string::npos);
  CHECK(message.find("401: Invalid API key") != std::string::npos);
  CHECK(s.stack.requests_for(alpha_model, "Anyone?").size() == 1);

  auto stored = s.stack.conversation(s.id, s.token);
  REQUIRE(stored.at("messages").as_array().size() == 1);  // the question only
  CHECK(field(stored, "title") == "New Conversation");
  auto status = s.stack.auth.database().psql("SELECT status || '|' || error FROM council.runs");
  CHECK(status.find("failed|All models failed") != std::string::npos);

  auto plain = s.stack.call("POST", "/api/conversations/" + s.id + "/message", content_body("Anyone now?"), s.token);
  CHECK(plain.status == 502);
  CHECK(detail_of(plain).find("All models failed to respond") == 0);
}

TEST_CASE("a failing lead model ends the run with an error saying so", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"models": {"test/lead": {"status": 400, "error_message": "lead is gone"}}})"));
  auto reply = s.stack.ask(s.id, "Who leads?", s.token);
  CHECK(reply.types() == std::vector<std::string>{"stage1_start", "stage1_complete", "stage2_start", "stage2_complete",
                                                  "stage3_start", "error"});
  std::string message = field(reply.first("error").data, "message");
  CHECK(message.find("The lead model failed to synthesize the final answer") == 0);
  CHECK(message.find(lead_model) != std::string::npos);
  CHECK(message.find("lead is gone") != std::string::npos);
  auto messages = s.stack.conversation(s.id, s.token).at("messages").as_array();
  REQUIRE(messages.size() == 2);  // stages 1 and 2 are kept, shown as a failed answer (issue 11)
  CHECK(field(messages[1], "status") == "failed");
}

TEST_CASE("a failing title model falls back to the question", "[council][integration]") {
  started s;
  s.stack.configure_fake(json::parse(R"({"models": {"test/title": {"status": 400}}})"));
  auto reply = s.stack.ask(s.id, "What do bees dream about at night?", s.token);
  REQUIRE(reply.types().back() == "complete");
  CHECK(field(reply.first("title_complete").data.at("data"), "title") == "What do bees dream about at night?");
  CHECK(error_for(errors_in(reply.first("complete").data.at("metadata")), "title", title_model) != nullptr);
}

TEST_CASE("the run time limit stops a run with a clear error", "[council][integration]") {
  council_fixture stack(overrides{{"COUNCIL_RUN_TIMEOUT", "1"}, {"UPSTREAM_TIMEOUT", "5"}});
  auto token = stack.user("deadline@example.com", key);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"hang": true}})"));
  auto before = std::chrono::steady_clock::now();
  auto reply = stack.ask(id, "Too slow?", token);
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(4));
  REQUIRE(reply.types().back() == "error");
  CHECK(field(reply.first("error").data, "message").find("time limit") != std::string::npos);
}
