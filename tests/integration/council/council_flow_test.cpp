// Council runs end to end through the real services: event order and shapes, persistence, titles, history,
// the non-streaming endpoint, attribution headers, parallel stage 1, heartbeats and disconnects.
#include "integration/council/council_fixture.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <set>

using namespace council_test;
namespace json = boost::json;
using std::chrono::milliseconds;

namespace {

const std::string key_a = "sk-or-v1-alpha-user-key-AAAAAA";

bool has_string(const json::object& o, const char* name) { return o.contains(name) && o.at(name).is_string(); }

void check_stage1(const json::value& data, std::size_t n) {
  REQUIRE(data.is_array());
  REQUIRE(data.as_array().size() == n);
  for (const auto& item : data.as_array()) {
    CHECK(has_string(item.as_object(), "model"));
    CHECK(has_string(item.as_object(), "response"));
  }
}

void check_stage2(const json::value& data) {
  REQUIRE(data.is_array());
  for (const auto& item : data.as_array()) {
    const auto& o = item.as_object();
    CHECK(has_string(o, "model"));
    CHECK(has_string(o, "ranking"));
    REQUIRE(o.at("parsed_ranking").is_array());
    CHECK(o.at("parsed_ranking").as_array().size() == 3);
  }
}

void check_metadata(const json::value& metadata) {
  const auto& m = metadata.as_object();
  const auto& labels = m.at("label_to_model").as_object();
  CHECK(labels.size() == 3);
  std::set<std::string> labelled;
  for (const auto& [label, model] : labels) labelled.insert(std::string(model.as_string()));
  CHECK(labelled == std::set<std::string>{alpha_model, beta_model, gamma_model});
  CHECK(labels.contains("Response A"));
  const auto& agg = m.at("aggregate_rankings").as_array();
  REQUIRE(agg.size() == 3);
  double previous = 0;
  for (const auto& entry : agg) {
    double rank = entry.at("average_rank").to_number<double>();
    CHECK(rank >= previous);
    previous = rank;
    CHECK(entry.at("rankings_count").to_number<int>() == 3);
  }
}

}  // namespace

TEST_CASE("a streamed council run emits every event in order and is stored", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("flow@example.com", key_a);
  auto id = stack.create_conversation(token);

  auto reply = stack.ask(id, "Why is the sky blue?", token);
  INFO(stack.log());
  REQUIRE(reply.status == 200);
  CHECK(reply.head.find("content-type: text/event-stream") != std::string::npos);
  CHECK(reply.head.find("x-accel-buffering: no") != std::string::npos);
  CHECK(reply.types() == std::vector<std::string>{"stage1_start", "stage1_complete", "stage2_start", "stage2_complete",
                                                  "stage3_start", "stage3_complete", "title_complete", "complete"});
  check_stage1(reply.first("stage1_complete").data.at("data"), 3);
  check_stage2(reply.first("stage2_complete").data.at("data"));
  check_metadata(reply.first("stage2_complete").data.at("metadata"));
  const auto& stage3 = reply.first("stage3_complete").data.at("data").as_object();
  CHECK(field(stage3, "model") == lead_model);
  CHECK_FALSE(field(stage3, "response").empty());
  std::string title = field(reply.first("title_complete").data.at("data"), "title");
  CHECK_FALSE(title.empty());
  CHECK(title.size() <= 50);
  CHECK(title.find('"') == std::string::npos);

  auto stored = stack.conversation(id, token);
  CHECK(field(stored, "title") == title);
  const auto& messages = stored.at("messages").as_array();
  REQUIRE(messages.size() == 2);
  CHECK(field(messages[0], "role") == "user");
  CHECK(field(messages[0], "content") == "Why is the sky blue?");
  CHECK(field(messages[1], "role") == "assistant");
  check_stage1(messages[1].at("stage1"), 3);
  check_stage2(messages[1].at("stage2"));
  check_metadata(messages[1].at("metadata"));
  CHECK(messages[1].at("metadata").at("errors").as_array().empty());
  CHECK(field(messages[1].at("stage3"), "response") == field(stage3, "response"));

  auto list = stack.call("GET", "/api/conversations", "", token);
  REQUIRE(list.status == 200);
  auto listed = json_of(list).as_array();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].at("message_count").to_number<int>() == 2);
  CHECK(field(listed[0], "title") == title);

  // Attribution headers and the user's key reach the provider.
  auto requests = stack.fake_requests();
  REQUIRE(requests.size() == 3 + 3 + 1 + 1);
  for (const auto& r : requests) {
    CHECK(field(r, "authorization_hint") == key_a.substr(key_a.size() - 6));
    CHECK(field(r.at("headers"), "http-referer") == "http://localhost:8080");
    CHECK(field(r.at("headers"), "x-title") == "LLM Council");
  }
}

TEST_CASE("later messages get no title and carry the earlier turns as history", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("history@example.com", key_a);
  auto id = stack.create_conversation(token);
  auto first = stack.ask(id, "First question about owls?", token);
  REQUIRE(first.ended);
  std::string first_answer = field(first.first("stage3_complete").data.at("data"), "response");
  stack.reset_fake();

  auto second = stack.ask(id, "Second question about bats?", token);
  REQUIRE(second.status == 200);
  CHECK(second.types() == std::vector<std::string>{"stage1_start", "stage1_complete", "stage2_start", "stage2_complete",
                                                   "stage3_start", "stage3_complete", "complete"});
  auto stage1 = stack.requests_for(alpha_model, "Second question about bats?");
  REQUIRE(stage1.size() == 1);
  auto messages = messages_of(stage1[0]);
  REQUIRE(messages.size() == 3);
  CHECK(field(messages[0], "role") == "user");
  CHECK(field(messages[0], "content") == "First question about owls?");
  CHECK(field(messages[1], "role") == "assistant");
  CHECK(field(messages[1], "content") == first_answer);
  CHECK(field(messages[2], "content") == "Second question about bats?");
  CHECK(stack.requests_for(title_model).empty());

  auto stored = stack.conversation(id, token);
  CHECK(stored.at("messages").as_array().size() == 4);
}

TEST_CASE("history is trimmed to COUNCIL_HISTORY_CHARS, newest turns kept", "[council][integration]") {
  council_fixture stack(overrides{{"COUNCIL_HISTORY_CHARS", "1"}});
  auto token = stack.user("trim@example.com", key_a);
  auto id = stack.create_conversation(token);
  REQUIRE(stack.ask(id, "Old question?", token).ended);
  REQUIRE(stack.ask(id, "New question?", token).ended);
  auto stage1 = stack.requests_for(alpha_model, "New question?");
  REQUIRE(stage1.size() == 1);
  CHECK(messages_of(stage1[0]).size() == 1);
}

TEST_CASE("the non-streaming endpoint answers stage1, stage2, stage3 and metadata", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("plain@example.com", key_a);
  auto id = stack.create_conversation(token);
  auto r = stack.call("POST", "/api/conversations/" + id + "/message", content_body("What is entropy?"), token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto v = json_of(r);
  check_stage1(v.at("stage1"), 3);
  check_stage2(v.at("stage2"));
  CHECK(field(v.at("stage3"), "model") == lead_model);
  check_metadata(v.at("metadata"));
  CHECK(stack.conversation(id, token).at("messages").as_array().size() == 2);
}

TEST_CASE("stage 1 asks the models in parallel", "[council][integration][timing]") {
  council_fixture stack;
  auto token = stack.user("parallel@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 300}})"));
  auto reply = stack.ask(id, "Parallel please?", token);
  REQUIRE(reply.ended);
  REQUIRE(reply.types().back() == "complete");
  auto stage1 = reply.first("stage1_complete").at - reply.first("stage1_start").at;
  auto stage2 = reply.first("stage2_complete").at - reply.first("stage2_start").at;
  INFO("stage 1 took " << std::chrono::duration_cast<milliseconds>(stage1).count() << " ms");
  CHECK(stage1 >= milliseconds(290));
  CHECK(stage1 < milliseconds(700));  // three sequential calls would take 900 ms
  CHECK(stage2 < milliseconds(700));
}

TEST_CASE("a quiet stream gets heartbeats", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("ping@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 2300}})"));
  auto reply = stack.ask(id, "Slow?", token);
  REQUIRE(reply.ended);
  CHECK(reply.pings >= 2);
}

TEST_CASE("a client that disconnects does not stop or lose the run", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("leaver@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 400}})"));
  auto reply = stack.stream(id, content_body("Will you finish without me?"), token, 1);
  REQUIRE(reply.status == 200);
  REQUIRE(reply.events.size() == 1);
  CHECK(reply.events[0].type == "stage1_start");
  auto stored = stack.wait_for_messages(id, token, 2, std::chrono::seconds(20));
  const auto& messages = stored.at("messages").as_array();
  REQUIRE(messages.size() == 2);
  CHECK(field(messages[1], "role") == "assistant");
  CHECK(field(messages[1].at("stage3"), "model") == lead_model);
  CHECK(field(stored, "title") != "New Conversation");
}

TEST_CASE("SIGTERM stops the service cleanly, even with a run in flight", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("stopper@example.com", key_a);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 1500}})"));
  auto reply = stack.stream(id, content_body("Still running?"), token, 1);
  REQUIRE(reply.status == 200);
  CHECK(stack.stop_council() == 0);
  INFO(stack.log());
  CHECK(stack.log().find("council-service stopped") != std::string::npos);
}
