// Unit tests of the streamed-completion reader: pieces split anywhere, line ends, errors, cuts, usage.
#include "council/clients/completion_stream.hpp"
#include <catch2/catch.hpp>
#include <string>

using council::clients::completion_stream;
using council::clients::utf8_prefix;

namespace {

constexpr std::size_t roomy = 1 << 20;

std::string chunk(const std::string& content) {
  return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
}

const std::string usage_chunk =
    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":4,\"cost\":0.0021}}\n\n";

/// A typical stream: role chunk, comment, three deltas (one with an escaped UTF-8 character), usage, [DONE].
const std::string typical = ": OPENROUTER PROCESSING\n\n"
                            "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n" +
                            chunk("Hel") + chunk("lo, w\\u00f6") + "id: 7\nevent: message\n" + chunk("rld") + usage_chunk +
                            "data: [DONE]\n\n";

std::string finished_text(completion_stream& stream) {
  auto result = stream.finish();
  REQUIRE(result.has_value());
  return *result;
}

}  // namespace

TEST_CASE("a streamed completion is the concatenation of its deltas, with the final usage", "[council][stream]") {
  completion_stream stream(roomy, roomy);
  stream.feed(typical);
  CHECK(stream.finished());
  REQUIRE(stream.usage());
  CHECK(stream.usage()->prompt_tokens == 10);
  CHECK(stream.usage()->completion_tokens == 4);
  CHECK(stream.usage()->cost == Approx(0.0021));
  CHECK(finished_text(stream) == "Hello, w\xc3\xb6rld");
}

TEST_CASE("the stream reads the same whatever byte it is split at, with LF, CRLF or CR line ends", "[council][stream]") {
  for (const std::string end : {"\n", "\r\n", "\r"}) {
    std::string body;
    for (char c : typical) {
      if (c == '\n') body += end;
      else body += c;
    }
    for (std::size_t a = 0; a <= body.size(); ++a) {
      completion_stream two(roomy, roomy);
      two.feed(std::string_view(body).substr(0, a));
      two.feed(std::string_view(body).substr(a));
      INFO("split at " << a << " with line end " << int(end.back()));
      CHECK(finished_text(two) == "Hello, w\xc3\xb6rld");
    }
    completion_stream bytewise(roomy, roomy);
    for (char c : body) bytewise.feed(std::string_view(&c, 1));
    CHECK(finished_text(bytewise) == "Hello, w\xc3\xb6rld");
  }
}

TEST_CASE("the content so far grows as deltas arrive", "[council][stream]") {
  completion_stream stream(roomy, roomy);
  stream.feed(chunk("one "));
  CHECK(stream.content() == "one ");
  stream.feed("data: {\"choices\":[{\"delta\":{\"content\":\"two\"}}]}");
  CHECK(stream.content() == "one ");
  stream.feed("\n\n");
  CHECK(stream.content() == "one two");
  CHECK_FALSE(stream.finished());
}

TEST_CASE("malformed chunks, error objects and a missing [DONE] are failures", "[council][stream]") {
  completion_stream malformed(roomy, roomy);
  malformed.feed(chunk("partial") + "data: {\"choices\": [\n\n" + chunk("more") + "data: [DONE]\n\n");
  CHECK(malformed.finished());
  CHECK(malformed.finish().error() == "malformed JSON in the provider's response");

  completion_stream not_object(roomy, roomy);
  not_object.feed("data: [1, 2]\n\n");
  CHECK(not_object.finish().error() == "malformed JSON in the provider's response");

  completion_stream error(roomy, roomy);
  error.feed(chunk("Half an ans") +
             "data: {\"error\":{\"message\":\"Provider disconnected\",\"code\":502},"
             "\"choices\":[{\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n");
  CHECK(error.finished());
  CHECK(error.content() == "Half an ans");
  CHECK(error.finish().error() == "provider error: Provider disconnected");

  completion_stream cut_short(roomy, roomy);
  cut_short.feed(chunk("no end"));
  CHECK(cut_short.finish().error() == "the provider's stream ended before [DONE]");

  completion_stream nothing(roomy, roomy);
  nothing.feed("data: [DONE]\n\n");
  CHECK(nothing.finish().error() == "the model returned no content");

  completion_stream blank(roomy, roomy);
  blank.feed(chunk("  ") + chunk("\\n") + "data: [DONE]\n\n");
  CHECK(blank.finish().error() == "the model returned empty content");
}

TEST_CASE("a final data line without its blank line still counts at the end of the body", "[council][stream]") {
  completion_stream stream(roomy, roomy);
  stream.feed(chunk("last") + "data: [DONE]");
  CHECK(finished_text(stream) == "last");
}

TEST_CASE("the answer is cut at its cap on a character boundary and the rest is not read", "[council][stream]") {
  completion_stream stream(7, roomy);
  stream.feed(chunk("abcde") + chunk("\\u00e9\\u00e9") + chunk("never"));
  CHECK(stream.cut());
  CHECK(stream.finished());
  CHECK(stream.content() == "abcde\xc3\xa9");
  CHECK(finished_text(stream) == "abcde\xc3\xa9");

  completion_stream exact(5, roomy);
  exact.feed(chunk("abcde") + "data: [DONE]\n\n");
  CHECK_FALSE(exact.cut());
  CHECK(finished_text(exact) == "abcde");
}

TEST_CASE("a line longer than its limit fails instead of growing", "[council][stream]") {
  completion_stream stream(roomy, 64);
  stream.feed("data: " + std::string(100, 'x'));
  CHECK(stream.finished());
  CHECK(stream.finish().error() == "a line of the provider's stream is too long");
}

TEST_CASE("utf8_prefix never ends inside a character", "[council][stream]") {
  const std::string text = "a\xc3\xa9\xe2\x82\xac";  // a, é (2 bytes), € (3 bytes)
  CHECK(utf8_prefix(text, 10) == text);
  CHECK(utf8_prefix(text, 1) == "a");
  CHECK(utf8_prefix(text, 2) == "a");
  CHECK(utf8_prefix(text, 3) == "a\xc3\xa9");
  CHECK(utf8_prefix(text, 5) == "a\xc3\xa9");
  CHECK(utf8_prefix(text, 6) == text);
  CHECK(utf8_prefix(text, 0).empty());
}
