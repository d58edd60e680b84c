// The provider's answers to GET /key read into verdicts: accepted with credit, rejected with a safe reason, the rest
// unavailable.
#include "auth/clients/key_check.hpp"
#include <catch2/catch.hpp>

using namespace auth::clients;

TEST_CASE("200 is accepted with the limit and usage the provider reports", "[auth][keycheck]") {
  auto full = read_key_answer(200, R"({"data": {"label": "sk-or-v1-abc...", "limit": 20, "usage": 3.25}})");
  CHECK(full.verdict == key_verdict::accepted);
  CHECK(full.limit == 20.0);
  CHECK(full.usage == 3.25);
  auto unlimited = read_key_answer(200, R"({"data": {"limit": null, "usage": 0}})");
  CHECK(unlimited.verdict == key_verdict::accepted);
  CHECK_FALSE(unlimited.limit.has_value());
  CHECK(unlimited.usage == 0.0);
  for (const char* odd : {"", "not json", "[]", R"({"data": 5})", R"({"data": {"limit": "20", "usage": true}})"}) {
    INFO(odd);
    auto answer = read_key_answer(200, odd);
    CHECK(answer.verdict == key_verdict::accepted);
    CHECK_FALSE(answer.limit.has_value());
    CHECK_FALSE(answer.usage.has_value());
  }
}

TEST_CASE("401 and 403 are rejected with the provider's message, made safe for a sentence", "[auth][keycheck]") {
  auto invalid = read_key_answer(401, R"({"error": {"message": "Invalid API key", "code": 401}})");
  CHECK(invalid.verdict == key_verdict::rejected);
  CHECK(invalid.reason == "Invalid API key");
  CHECK(read_key_answer(403, R"({"error": {"message": " Key disabled by its owner.  "}})").reason ==
        "Key disabled by its owner");
  CHECK(read_key_answer(401, "<html>nope</html>").reason == "HTTP 401");
  CHECK(read_key_answer(403, R"({"error": "flat"})").reason == "HTTP 403");
  CHECK(read_key_answer(401, R"({"error": {"message": "line\nbreak\u0007"}})").reason == "linebreak");
  auto longest = read_key_answer(401, R"({"error": {"message": ")" + std::string(500, 'x') + R"("}})");
  CHECK(longest.reason.size() == 200);
}

TEST_CASE("every other status is unavailable, naming the status", "[auth][keycheck]") {
  for (int status : {500, 502, 503, 429, 404, 400, 302}) {
    INFO(status);
    auto answer = read_key_answer(status, R"({"error": {"message": "whatever"}})");
    CHECK(answer.verdict == key_verdict::unavailable);
    CHECK(answer.reason == "it answered HTTP " + std::to_string(status));
  }
}
