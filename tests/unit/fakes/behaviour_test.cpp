// The fake OpenRouter's behaviour configuration: parsing, defaults and the per-call plan.
#include "fakes/behaviour.hpp"
#include "fakes/state.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <stdexcept>

using namespace fake_openrouter;

namespace {
fake_config config_of(const char* text) { return parse_config(boost::json::parse(text)); }
}  // namespace

TEST_CASE("fake config parses models, default and require_key", "[fake]") {
  const fake_config config = config_of(
      R"({"models": {"a": {"latency_ms": 300, "status": 429, "retry_after": 2, "fail_times": 1},
                     "b": {"content": null}, "c": {"content": "fixed", "malformed": true, "hang": false}},
          "default": {"latency_ms": 10, "error_message": "boom"}, "require_key": "sk-or-v1-abc"})");
  REQUIRE(config.models.size() == 3);
  CHECK(config.models.at("a").status == 429);
  CHECK(config.models.at("a").fail_times == 1);
  CHECK(config.models.at("b").content.has_value());
  CHECK_FALSE(config.models.at("b").content->has_value());
  CHECK(config.models.at("c").content == std::optional<std::string>("fixed"));
  CHECK(config.defaults.latency_ms == 10);
  CHECK(config.require_key == "sk-or-v1-abc");
}

TEST_CASE("fake config refuses unknown fields and wrong types with the field name", "[fake]") {
  CHECK_THROWS_WITH(config_of(R"({"models": {"a": {"latency": 1}}})"), Catch::Contains("models.a.latency"));
  CHECK_THROWS_WITH(config_of(R"({"default": {"status": "500"}})"), Catch::Contains("default.status"));
  CHECK_THROWS_WITH(config_of(R"({"default": {"status": 700}})"), Catch::Contains("default.status"));
  CHECK_THROWS_WITH(config_of(R"({"nope": 1})"), Catch::Contains("nope"));
  CHECK_THROWS_AS(config_of("[]"), std::invalid_argument);
}

TEST_CASE("fake plan: fail_times limits misbehaviour to the first calls", "[fake]") {
  const fake_config config = config_of(R"({"models": {"a": {"status": 503, "fail_times": 2, "retry_after": 1}}})");
  const behaviour& a = config.models.at("a");
  CHECK(plan_call(a, 0).status == 503);
  CHECK(plan_call(a, 0).retry_after == 1);
  CHECK(plan_call(a, 1).status == 503);
  CHECK(plan_call(a, 2).status == 200);
  CHECK_FALSE(plan_call(a, 2).retry_after.has_value());
  const behaviour only_times = config_of(R"({"default": {"fail_times": 1}})").defaults;
  CHECK(plan_call(only_times, 0).status == 500);
  CHECK(plan_call(only_times, 1).status == 200);
  const behaviour always = config_of(R"({"default": {"status": 500}})").defaults;
  CHECK(plan_call(always, 100).status == 500);
  CHECK(plan_call(always, 0).error_message == "Fake upstream error 500");
}

TEST_CASE("fake plan: null content, malformed, hang and latency", "[fake]") {
  const fake_config config = config_of(
      R"({"models": {"n": {"content": null}, "m": {"malformed": true, "fail_times": 1}, "h": {"hang": true},
                     "t": {"content": "fixed"}}, "default": {"latency_ms": 300}})");
  fake_state state;
  state.configure(config);
  CHECK(plan_call(state.behaviour_for("n"), 0).null_content);
  CHECK(plan_call(state.behaviour_for("n"), 0).latency == std::chrono::milliseconds(300));
  CHECK(plan_call(state.behaviour_for("m"), 0).malformed);
  CHECK(plan_call(state.behaviour_for("m"), 0).status == 200);
  CHECK_FALSE(plan_call(state.behaviour_for("m"), 1).malformed);
  CHECK(plan_call(state.behaviour_for("h"), 5).hang);
  CHECK(plan_call(state.behaviour_for("t"), 0).content == std::optional<std::string>("fixed"));
  const call_plan plain = plan_call(state.behaviour_for("other"), 0);
  CHECK(plain.status == 200);
  CHECK_FALSE(plain.hang);
  CHECK_FALSE(plain.malformed);
  CHECK_FALSE(plain.null_content);
  CHECK(plain.latency == std::chrono::milliseconds(300));
}

TEST_CASE("fake state counts calls per model until reconfigured", "[fake]") {
  fake_state state;
  CHECK(state.next_call("a") == 0);
  CHECK(state.next_call("a") == 1);
  CHECK(state.next_call("b") == 0);
  state.configure(fake_config{});
  CHECK(state.next_call("a") == 0);
  state.record(boost::json::object{{"model", "a"}});
  CHECK(state.requests().size() == 1);
  state.reset();
  CHECK(state.requests().empty());
}

TEST_CASE("fake key endpoint: accepted keys get label, limit and usage; bad ones 401", "[fake]") {
  const fake_config config = config_of(R"({"key": {"limit": null, "usage": 1.5, "bad": ["sk-or-v1-revoked-1"]}})");
  CHECK_FALSE(config.key.limit.has_value());
  const key_answer accepted = answer_key(config.key, std::nullopt, "sk-or-v1-good-123456");
  CHECK(accepted.status == 200);
  CHECK(accepted.body.at("data").at("limit").is_null());
  CHECK(accepted.body.at("data").at("usage").as_double() == 1.5);
  CHECK(accepted.body.at("data").at("label").as_string() == "fake key ...123456");
  for (const char* bad : {"", "bad-0123456789", "sk-or-v1-revoked-1"}) {
    INFO(bad);
    const key_answer refused = answer_key(config.key, std::nullopt, bad);
    CHECK(refused.status == 401);
    CHECK(refused.body.at("error").at("message").as_string() == "Invalid API key");
  }
  CHECK(answer_key(config.key, std::string("only-this-key"), "sk-or-v1-good-123456").status == 401);
  CHECK(answer_key(key_behaviour{}, std::nullopt, "any demo key").body.at("data").at("limit").as_double() == 10.0);
  CHECK(answer_key(config_of(R"({"key": {"status": 503}})").key, std::nullopt, "sk-or-v1-good").status == 503);
}

TEST_CASE("fake key config refuses wrong types with the field name", "[fake]") {
  CHECK_THROWS_WITH(config_of(R"({"key": {"limit": "10"}})"), Catch::Contains("key.limit"));
  CHECK_THROWS_WITH(config_of(R"({"key": {"bad": [1]}})"), Catch::Contains("key.bad"));
  CHECK_THROWS_WITH(config_of(R"({"key": {"status": 200}})"), Catch::Contains("key.status"));
  CHECK_THROWS_WITH(config_of(R"({"key": {"nope": 1}})"), Catch::Contains("key.nope"));
  CHECK_THROWS_WITH(config_of(R"({"key": []})"), Catch::Contains("key"));
}

TEST_CASE("fake streaming options: chunk sizes and delays always apply, stream faults like other misbehaviour",
          "[fake][stream]") {
  const fake_config config = config_of(R"({"default": {"chunk_delay_ms": 5, "chunk_bytes": 3, "answer_bytes": 100},
                                           "models": {"e": {"stream_error_after": 2, "fail_times": 1},
                                                      "d": {"stream_drop_after": 4}}})");
  const call_plan plain = plan_call(merge(config.defaults, behaviour{}), 0);
  CHECK(plain.chunk_delay == std::chrono::milliseconds(5));
  CHECK(plain.chunk_bytes == 3);
  CHECK(plain.answer_bytes == std::optional<std::size_t>(100));
  CHECK_FALSE(plain.stream_error_after);
  CHECK(plain.status == 200);

  const behaviour e = merge(config.defaults, config.models.at("e"));
  const call_plan first = plan_call(e, 0);
  CHECK(first.stream_error_after == std::optional<int>(2));
  CHECK(first.status == 200);
  CHECK(first.error_message == "Provider disconnected mid-stream");
  CHECK_FALSE(plan_call(e, 1).stream_error_after);
  CHECK(plan_call(merge(config.defaults, config.models.at("d")), 7).stream_drop_after == std::optional<int>(4));
  CHECK_THROWS_AS(config_of(R"({"default": {"chunk_bytes": 0}})"), std::invalid_argument);
  CHECK_THROWS_AS(config_of(R"({"default": {"stream_error_after": "x"}})"), std::invalid_argument);
}
