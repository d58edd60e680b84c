// Bad message input is refused before any run starts (400/413/422) and changes nothing.
#include "integration/council/council_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

TEST_CASE("bad message bodies are refused with the right status and change nothing", "[council][integration]") {
  council_fixture stack(overrides{{"COUNCIL_MAX_CONTENT_CHARS", "100"}});
  auto token = stack.user("input@example.com", "sk-or-v1-input-tests-key-IIIIII");
  auto id = stack.create_conversation(token);
  struct bad_case {
    std::string body;
    int status;
    std::string detail;
  };
  std::vector<bad_case> cases{
      {"{\"content\": ", 400, "Malformed JSON body"},
      {"", 400, "Malformed JSON body"},
      {R"({"content": ""})", 422, "content: must not be empty"},
      {R"({"content": " \n\t "})", 422, "content: must not be empty"},
      {content_body(std::string(101, 'x')), 422, "content: must be at most 100 characters"},
      {R"({"content": 5})", 422, "content: must be a string"},
      {R"({"content": ["a"]})", 422, "content: must be a string"},
      {R"({"text": "hi"})", 422, "content: field required"},
      {R"(["content"])", 422, "body: must be a JSON object"},
      {content_body(std::string(1100000, 'x')), 413, "Request body too large"},
  };
  for (const auto& c : cases) {
    INFO(c.body.substr(0, 60));
    auto plain = stack.call("POST", "/api/conversations/" + id + "/message", c.body, token);
    CHECK(plain.status == c.status);
    CHECK(detail_of(plain) == c.detail);
    if (c.status == 413) continue;  // the server answers 413 before reading the whole body
    auto streamed = stack.stream(id, c.body, token);
    CHECK(streamed.status == c.status);
    CHECK(detail_of(common::http::client_response{streamed.status, {}, streamed.body}) == c.detail);
  }
  CHECK(stack.call("POST", "/api/conversations/" + id + "/message", content_body(std::string(100, 'y')), token).status ==
        200);  // exactly at the limit is fine
  auto stored = stack.conversation(id, token);
  CHECK(stored.at("messages").as_array().size() == 2);  // only the accepted one
  CHECK(field(stored.at("messages").as_array()[0], "content") == std::string(100, 'y'));
  CHECK(stack.auth.database().psql("SELECT count(*) FROM council.runs") == "1\n");
}

TEST_CASE("unknown paths and methods answer 404 and 405", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("paths@example.com", "");
  CHECK(stack.call("GET", "/api/nothing-here", "", token).status == 404);
  CHECK(stack.call("PUT", "/api/conversations", "{}", token).status == 405);
  CHECK(stack.call("GET", "/readyz").status == 200);
}
