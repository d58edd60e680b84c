// The fake's answer shapes: deterministic usage, padding to a size, chunks that never split a character.
#include "fakes/streamed_answer.hpp"
#include <catch2/catch.hpp>

using namespace fake_openrouter;

TEST_CASE("fake usage counts a token per started 4 bytes and prices it deterministically", "[fake][stream]") {
  const auto usage = usage_for(9, 4);
  CHECK(usage.at("prompt_tokens") == 3);
  CHECK(usage.at("completion_tokens") == 1);
  CHECK(usage.at("total_tokens") == 4);
  CHECK(usage.at("cost").to_number<double>() == Approx(3e-6 + 2e-6));
}

TEST_CASE("fake answers are padded or cut to exactly the asked size", "[fake][stream]") {
  const std::string padded = sized_answer("FINAL RANKING:\n1. Response A", 200);
  CHECK(padded.size() == 200);
  CHECK(padded.rfind("FINAL RANKING:\n1. Response A\n\n", 0) == 0);
  CHECK(sized_answer("abc\xc3\xa9", 4) == "abc ");
  CHECK(sized_answer("abcdef", 3) == "abc");
}

TEST_CASE("fake chunks keep every character whole", "[fake][stream]") {
  const std::string text = "ab\xc3\xa9\xe2\x82\xac!";
  const auto chunks = answer_chunks(text, 2);
  std::string joined;
  for (const auto& c : chunks) {
    CHECK_FALSE(c.empty());
    CHECK((static_cast<unsigned char>(c[0]) & 0xC0) != 0x80);
    joined += c;
  }
  CHECK(joined == text);
  CHECK(chunks == std::vector<std::string>{"ab", "\xc3\xa9", "\xe2\x82\xac", "!"});
  CHECK(answer_chunks("", 4).empty());
}
