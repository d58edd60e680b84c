// The hot answers written with common::write_json (/api/auth/me, the internal key release, the conversation
// list and one conversation) are byte for byte what json::serialize(json::value_from(dto)) printed before.
#include "auth/api.hpp"
#include "council/api.hpp"
#include "common/core/json_writer.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

namespace {
namespace json = boost::json;

template <typename T>
void same_as_value_from(const T& dto) {
  std::string written;
  common::json_writer writer(written);
  common::write_json(writer, dto);
  CHECK(written == json::serialize(json::value_from(dto)));
}

council::api::conversation_out sample_conversation() {
  council::api::conversation_out c;
  c.id = "0b6f0a55-5d1c-4c4e-9a57-6d7f3f2b1a10";
  c.created_at = "2026-12-02T04:00:00.123456Z";
  c.title = "Quotes \" and \\ and \xE2\x80\xA8 and \x1F";
  c.models = {"openai/gpt-5.1", "anthropic/claude"};
  c.lead_model = "openai/gpt-5.1";
  c.messages = json::parse(R"([{"role":"user","content":"caf\u00e9 \n"},{"role":"assistant","stage1":[],"stage3":{"model":"m","response":"r"}}])");
  return c;
}

}  // namespace

TEST_CASE("GET /api/auth/me written directly equals its value_from form", "[contracts][json_writer]") {
  same_as_value_from(auth::api::user_out{"a1", "u\"ser@example.com", "2026-12-02T04:00:00Z"});
  same_as_value_from(auth::api::user_out{});
}

TEST_CASE("the internal key release written directly equals its value_from form", "[contracts][json_writer]") {
  same_as_value_from(auth::api::released_key_out{"openrouter", "sk-or-v1-\\abc\"", std::nullopt});
  same_as_value_from(auth::api::released_key_out{"openrouter", "sk", "https://llm.example.com/api/v1"});
}

TEST_CASE("the conversation list written directly equals its value_from form", "[contracts][json_writer]") {
  std::vector<council::api::conversation_summary> list;
  same_as_value_from(list);
  list.push_back({"id-1", "2026-12-02T04:00:00Z", "New Conversation", 0});
  list.push_back({"id-2", "2026-12-02T04:00:01Z", "Tab\there \xF0\x9F\x98\x80", 12});
  same_as_value_from(list);
}

TEST_CASE("one conversation written directly equals its value_from form", "[contracts][json_writer]") {
  council::api::conversation_out plain = sample_conversation();
  same_as_value_from(plain);
  council::api::conversation_out tuned = sample_conversation();
  tuned.system_prompt = "Answer in \"French\".\n";
  tuned.temperature = 0.7;
  tuned.max_tokens = 32000;
  tuned.exclude_self_votes = true;
  same_as_value_from(tuned);
  tuned.temperature = 2.0;
  tuned.messages = json::array();
  same_as_value_from(tuned);
}
