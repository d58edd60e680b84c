// Unit tests of the upstream helpers: retry policy, Retry-After, completion and error parsing.
#include "council/clients/completion_parser.hpp"
#include "council/clients/retry_policy.hpp"
#include <catch2/catch.hpp>

using namespace council::clients;
using std::chrono::milliseconds;

TEST_CASE("only 429 and 5xx are retryable statuses", "[council][retry]") {
  CHECK(is_retryable_status(429));
  CHECK(is_retryable_status(500));
  CHECK(is_retryable_status(503));
  CHECK_FALSE(is_retryable_status(400));
  CHECK_FALSE(is_retryable_status(401));
  CHECK_FALSE(is_retryable_status(404));
  CHECK_FALSE(is_retryable_status(200));
}

TEST_CASE("back-off doubles per failed try within its jitter window and is capped", "[council][retry]") {
  CHECK(backoff_delay(1, 0.0) == milliseconds(125));
  CHECK(backoff_delay(1, 1.0) == milliseconds(250));
  CHECK(backoff_delay(2, 1.0) == milliseconds(500));
  CHECK(backoff_delay(3, 0.5) == milliseconds(750));
  CHECK(backoff_delay(20, 1.0) == milliseconds(8000));
}

TEST_CASE("Retry-After seconds are honoured and capped; dates are ignored", "[council][retry]") {
  CHECK(parse_retry_after("2") == milliseconds(2000));
  CHECK(parse_retry_after(" 0.5 ") == milliseconds(500));
  CHECK(parse_retry_after("0") == milliseconds(0));
  CHECK(parse_retry_after("3600") == max_retry_after);
  CHECK_FALSE(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
  CHECK_FALSE(parse_retry_after("-1"));
  CHECK_FALSE(parse_retry_after(""));
}

TEST_CASE("the answer is choices[0].message.content", "[council][completion]") {
  auto ok = parse_completion(R"({"choices":[{"message":{"role":"assistant","content":"Hello"}}]})");
  REQUIRE(ok);
  CHECK(*ok == "Hello");
}

TEST_CASE("broken completions are failures with a clear message", "[council][completion]") {
  CHECK(parse_completion("{not json").error() == "malformed JSON in the provider's response");
  CHECK(parse_completion(R"({"choices":[{"message":{"content":null}}]})").error() == "the model returned no content");
  CHECK(parse_completion(R"({"choices":[{"message":{}}]})").error() == "the model returned no content");
  CHECK(parse_completion(R"({"choices":[]})").error() == "the response has no choices");
  CHECK(parse_completion(R"({"choices":[{"message":{"content":"  "}}]})").error() == "the model returned empty content");
  CHECK(parse_completion(R"({"error":{"message":"quota"}})").error() == "provider error: quota");
  CHECK(parse_completion("[1]").error().find("not a JSON object") != std::string::npos);
}

TEST_CASE("provider messages come from the error body, else the text, else the reason", "[council][completion]") {
  CHECK(provider_message(429, R"({"error":{"message":"Rate limit exceeded","code":429}})") == "Rate limit exceeded");
  CHECK(provider_message(400, R"({"error":"bad model"})") == "bad model");
  CHECK(provider_message(502, "upstream exploded") == "upstream exploded");
  CHECK(provider_message(503, "") == "Service Unavailable");
  CHECK(provider_message(500, std::string(1000, 'x')).size() <= 300);
  // A blank error text is no message (found by tests/fuzz/completion_fuzz, corpus/completion/empty_error_string).
  CHECK(provider_message(400, R"({"error":""})") == R"({"error":""})");
  CHECK(provider_message(400, R"({"error":{"message":" "},"detail":"x"})") == R"({"error":{"message":" "},"detail":"x"})");
}

TEST_CASE("a completion's usage is read with its answer; missing or malformed fields read 0", "[council][completion]") {
  auto with_usage = read_completion(
      R"({"choices":[{"message":{"content":"Hi"}}],"usage":{"prompt_tokens":12,"completion_tokens":3,"cost":0.00042}})");
  REQUIRE(with_usage.has_value());
  CHECK(with_usage->content == "Hi");
  REQUIRE(with_usage->usage);
  CHECK(with_usage->usage->prompt_tokens == 12);
  CHECK(with_usage->usage->completion_tokens == 3);
  CHECK(with_usage->usage->cost == Approx(0.00042));

  auto without = read_completion(R"({"choices":[{"message":{"content":"Hi"}}]})");
  REQUIRE(without.has_value());
  CHECK_FALSE(without->usage);

  auto odd = read_completion(R"({"choices":[{"message":{"content":"Hi"}}],"usage":{"prompt_tokens":-4,"completion_tokens":"7"}})");
  REQUIRE(odd.has_value());
  REQUIRE(odd->usage);
  CHECK(odd->usage->prompt_tokens == 0);
  CHECK(odd->usage->completion_tokens == 0);
  CHECK(odd->usage->cost == 0.0);
  CHECK(read_completion(R"({"error":{"message":"quota"}})").error() == "provider error: quota");
}
