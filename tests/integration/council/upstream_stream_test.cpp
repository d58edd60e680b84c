// The council's upstream client against the fake OpenRouter in-process: streamed answers and their deltas, usage
// in both modes, the answer cap, mid-stream failures and when they are retried; and the fake's raw stream.
#include "council/clients/openrouter_client.hpp"
#include "fakes/fake_server.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using test_support::run_sync;
namespace json = boost::json;
namespace clients = council::clients;

namespace {

struct stream_fixture {
  explicit stream_fixture(std::size_t max_answer_bytes = 524288) : fake(io, fake_options()) {
    fake.start();
    clients::upstream_options options;
    options.timeout = std::chrono::seconds(5);
    options.max_answer_bytes = max_answer_bytes;
    upstream = std::make_unique<clients::openrouter_client>(io.get_executor(), options);
    target = std::make_shared<const clients::upstream_target>(fake.base_url(), "sk-or-v1-stream-test-key");
  }
  ~stream_fixture() { run_sync(io, fake.server().stop(std::chrono::seconds(1))); }

  static fake_openrouter::fake_options fake_options() {
    fake_openrouter::fake_options out;
    out.log_requests = false;
    return out;
  }

  void configure(const std::string& config) { fake.state().configure(fake_openrouter::parse_config(json::parse(config))); }

  /// Asks `model` "Why is the sky blue?", streamed or not; every delta lands in `deltas` when `collect` is set.
  clients::call_result ask(const std::string& model, bool stream, bool collect = true) {
    std::vector<council::values::chat_message> messages{{"user", "Why is the sky blue?"}};
    clients::shared_request request = clients::make_request(messages, clients::completion_settings{stream});
    clients::delta_sink sink;
    if (collect) sink = [this](std::string_view piece) { deltas.emplace_back(piece); };
    const auto deadline = common::clock::now() + std::chrono::seconds(20);
    return run_sync(io, upstream->complete(target, model, request, deadline, sink));
  }

  std::string joined() const {
    std::string all;
    for (const auto& d : deltas) all += d;
    return all;
  }

  boost::asio::io_context io;
  fake_openrouter::fake_server fake;
  std::unique_ptr<clients::openrouter_client> upstream;
  std::shared_ptr<const clients::upstream_target> target;
  std::vector<std::string> deltas;
};

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

TEST_CASE("a streamed answer arrives as deltas that concatenate to it, with the final usage", "[council][stream]") {
  stream_fixture f;
  f.configure(R"({"default": {"chunk_bytes": 7, "chunk_delay_ms": 1}})");
  clients::call_result r = f.ask("test/alpha", true);
  REQUIRE(r.content);
  CHECK(r.content->rfind("Demo answer from test/alpha: ", 0) == 0);
  CHECK(f.deltas.size() >= r.content->size() / 7);
  CHECK(f.joined() == *r.content);
  CHECK_FALSE(r.cut);
  CHECK(r.tries == 1);
  REQUIRE(r.usage);
  CHECK(r.usage->prompt_tokens == 5);  // 20 bytes of prompt
  CHECK(r.usage->completion_tokens == static_cast<long long>((r.content->size() + 3) / 4));
  CHECK(r.usage->cost == Approx(r.usage->prompt_tokens * 1e-6 + r.usage->completion_tokens * 2e-6));
}

TEST_CASE("a non-streamed answer reports its usage too and sends no deltas", "[council][stream]") {
  stream_fixture f;
  clients::call_result r = f.ask("test/title", false);
  REQUIRE(r.content);
  CHECK(f.deltas.empty());
  REQUIRE(r.usage);
  CHECK(r.usage->completion_tokens == static_cast<long long>((r.content->size() + 3) / 4));
  CHECK(r.usage->cost > 0.0);
}

TEST_CASE("answers over the cap are cut on a character boundary, streamed or not", "[council][stream]") {
  stream_fixture f(1025);
  std::string accents;
  for (int i = 0; i < 1000; ++i) accents += "\xc3\xa9";
  f.configure(R"({"default": {"chunk_bytes": 100, "content": ")" + accents + R"("}})");
  for (bool stream : {true, false}) {
    f.deltas.clear();
    clients::call_result r = f.ask("test/alpha", stream);
    REQUIRE(r.content);
    CHECK(r.cut);
    CHECK(r.content->size() == 1024);
    CHECK(valid_utf8(*r.content));
    if (stream) CHECK(f.joined() == *r.content);
  }
  f.configure(R"({"default": {"answer_bytes": 1025}})");
  clients::call_result exact = f.ask("test/alpha", true);
  REQUIRE(exact.content);
  CHECK_FALSE(exact.cut);
  CHECK(exact.content->size() == 1025);
}

TEST_CASE("a stream that fails before any delta went out is retried; after one it is not", "[council][stream]") {
  stream_fixture f;
  f.configure(R"({"models": {"first": {"stream_drop_after": 0, "fail_times": 1},
                              "late": {"stream_drop_after": 3, "chunk_bytes": 4}}})");
  clients::call_result retried = f.ask("first", true);
  REQUIRE(retried.content);
  CHECK(retried.tries == 2);
  CHECK(f.joined() == *retried.content);

  f.deltas.clear();
  clients::call_result dropped = f.ask("late", true);
  CHECK_FALSE(dropped.content);
  CHECK(dropped.tries == 1);
  CHECK(dropped.error.rfind("connection failed", 0) == 0);
  CHECK(f.joined().size() == 12);

  clients::call_result unwatched = f.ask("late", true, false);
  CHECK_FALSE(unwatched.content);
  CHECK(unwatched.tries == 3);
}

TEST_CASE("an error chunk mid-stream, a malformed chunk and null content are failures", "[council][stream]") {
  stream_fixture f;
  f.configure(R"({"models": {"err": {"stream_error_after": 2, "error_message": "Upstream overloaded"},
                              "bad": {"malformed": true}, "none": {"content": null}}})");
  clients::call_result error = f.ask("err", true);
  CHECK_FALSE(error.content);
  CHECK(error.status == 200);
  CHECK(error.error == "provider error: Upstream overloaded");
  CHECK(f.ask("bad", true).error == "malformed JSON in the provider's response");
  CHECK(f.ask("none", true).error == "the model returned no content");
  CHECK(f.ask("fine", true).content);
}

TEST_CASE("the fake streams OpenAI-style data chunks ending in [DONE] with usage when asked", "[fake][stream]") {
  stream_fixture f;
  f.configure(R"({"default": {"content": "abcdefghij", "chunk_bytes": 4}})");
  common::http::client http(f.io.get_executor(), {});
  common::http::client_request req;
  req.method = "POST";
  req.url = f.fake.base_url() + "/chat/completions";
  req.body = R"({"model": "m", "messages": [{"role": "user", "content": "12345678"}], "stream": true,
                 "usage": {"include": true}})";
  common::http::client_response res = run_sync(f.io, http.send(std::move(req)));
  REQUIRE(res.status == 200);
  CHECK(res.header("content-type") == std::optional<std::string_view>("text/event-stream"));
  std::vector<json::value> chunks;
  std::size_t at = 0;
  bool done = false;
  while ((at = res.body.find("data: ", at)) != std::string::npos) {
    const std::size_t end = res.body.find('\n', at);
    const std::string data = res.body.substr(at + 6, end - at - 6);
    at = end;
    if (data == "[DONE]") {
      done = true;
      continue;
    }
    CHECK_FALSE(done);
    chunks.push_back(json::parse(data));
  }
  CHECK(done);
  std::string content;
  for (const auto& c : chunks) {
    if (!c.at("choices").as_array().empty())
      if (const auto* d = c.at("choices").at(0).at("delta").as_object().if_contains("content")) content += d->as_string();
  }
  CHECK(content == "abcdefghij");
  REQUIRE(chunks.size() == 1 + 3 + 1 + 1);  // role, three content pieces, finish, usage
  const json::value& usage = chunks.back().at("usage");
  CHECK(usage.at("prompt_tokens") == 2);
  CHECK(usage.at("completion_tokens") == 3);
  CHECK(usage.at("cost").to_number<double>() == Approx(2e-6 + 6e-6));
}
