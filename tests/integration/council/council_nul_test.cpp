// U+0000 through the real services: a question holding it is refused; answers, titles and errors holding it
// are stored with U+FFFD instead of failing the run's save.
#include "integration/council/council_fixture.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string replacement = "\xEF\xBF\xBD";
const std::string nul_sentence = "The question contains a NUL character (U+0000), which is not allowed.";

}  // namespace

TEST_CASE("a question holding U+0000 is refused with 422 and nothing is stored", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("nul-question@example.com", "sk-or-v1-nul-tests-key-NNNNNN");
  auto id = stack.create_conversation(token);
  const std::string body = R"({"content": "before\u0000after"})";
  auto plain = stack.call("POST", "/api/conversations/" + id + "/message", body, token);
  CHECK(plain.status == 422);
  CHECK(detail_of(plain) == nul_sentence);
  auto streamed = stack.stream(id, body, token);
  CHECK(streamed.status == 422);
  CHECK(detail_of(common::http::client_response{streamed.status, {}, streamed.body}) == nul_sentence);
  CHECK(stack.conversation(id, token).at("messages").as_array().empty());
  CHECK(stack.auth.database().psql("SELECT count(*) FROM council.runs") == "0\n");
}

TEST_CASE("answers and titles and errors holding U+0000 are stored with U+FFFD", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("nul-answer@example.com", "sk-or-v1-nul-tests-key-NNNNNN");
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"models": {
      "test/alpha": {"content": "alpha\u0000answer"},
      "test/gamma": {"status": 400, "error_message": "gamma\u0000broke"},
      "test/lead": {"content": "final\u0000word"},
      "test/title": {"content": "Nul\u0000Title"}}})"));
  auto reply = stack.ask(id, "Who sends NUL?", token);
  INFO(stack.log());
  REQUIRE(reply.types().back() == "complete");

  auto stored = stack.conversation(id, token);
  auto messages = stored.at("messages").as_array();
  REQUIRE(messages.size() == 2);
  CHECK(field(messages[0], "content") == "Who sends NUL?");
  const auto& answer = messages[1];
  bool alpha_seen = false;
  for (const auto& r : answer.at("stage1").as_array()) {
    if (field(r, "model") != alpha_model) continue;
    alpha_seen = true;
    CHECK(field(r, "response") == "alpha" + replacement + "answer");
  }
  CHECK(alpha_seen);
  CHECK(field(answer.at("stage3"), "response") == "final" + replacement + "word");
  bool gamma_error_seen = false;
  for (const auto& e : answer.at("metadata").at("errors").as_array()) {
    if (field(e, "stage") == "stage1" && field(e, "model") == gamma_model) {
      gamma_error_seen = true;
      CHECK(field(e, "message") == "gamma" + replacement + "broke");
    }
  }
  CHECK(gamma_error_seen);
  CHECK(field(stored, "title").find('\0') == std::string::npos);
  CHECK(field(stored, "title").find(replacement) != std::string::npos);
  CHECK(stack.auth.database().psql("SELECT status FROM council.runs") == "completed\n");

  stack.reset_fake();
  CHECK(stack.ask(id, "And now a plain one?", token).types().back() == "complete");
  CHECK(stack.conversation(id, token).at("messages").as_array().size() == 4);
}
