// The fake OpenRouter served in-process and called through common::http::client: answers, behaviour
// control, request log, non-blocking latency, hangs and TLS.
#include "common/http/client.hpp"
#include "fakes/fake_server.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace boost::asio::experimental::awaitable_operators;
using test_support::run_sync;
namespace json = boost::json;

namespace {

/// A started fake on 127.0.0.1 (optionally TLS with upstream.crt), stopped on destruction.
struct running_fake {
  explicit running_fake(boost::asio::io_context& io, bool tls = false) : io_(io), fake(io, options(tls)) {
    fake.start();
  }
  ~running_fake() { run_sync(io_, fake.server().stop(std::chrono::seconds(1))); }

  static fake_openrouter::fake_options options(bool tls) {
    fake_openrouter::fake_options out;
    out.log_requests = false;
    if (tls) {
      common::http::tls_files files;
      files.cert_file = test_support::cert("upstream.crt");
      files.key_file = test_support::cert("upstream.key");
      out.tls = files;
    }
    return out;
  }

  boost::asio::io_context& io_;
  fake_openrouter::fake_server fake;
};

common::awaitable<common::http::client_response> chat(common::http::client& client, std::string base_url,
                                                      std::string model, std::string key,
                                                      common::clock::duration timeout) {
  json::object message{{"role", "user"}, {"content", "Why is the sky blue?"}};
  json::object body{{"model", model}, {"messages", json::array{message}}};
  common::http::client_request req;
  req.method = "POST";
  req.url = base_url + "/chat/completions";
  req.headers.emplace_back("authorization", "Bearer " + key);
  req.headers.emplace_back("content-type", "application/json");
  req.headers.emplace_back("http-referer", "https://council.local");
  req.body = json::serialize(body);
  req.timeout = timeout;
  co_return co_await client.send(std::move(req));
}

common::awaitable<common::http::client_response> control(common::http::client& client, std::string url,
                                                         std::string body) {
  common::http::client_request req;
  req.method = body.empty() ? "GET" : "POST";
  req.url = std::move(url);
  req.body = std::move(body);
  co_return co_await client.send(std::move(req));
}

common::awaitable<int> three_at_once(common::http::client& client, std::string base_url) {
  const std::string m1 = "m1", m2 = "m2", m3 = "m3", key = "sk-1";
  const common::clock::duration timeout = std::chrono::seconds(5);
  auto [a, b, c] = co_await (chat(client, base_url, m1, key, timeout) && chat(client, base_url, m2, key, timeout) &&
                             chat(client, base_url, m3, key, timeout));
  co_return a.status + b.status + c.status;
}

struct fixture {
  boost::asio::io_context io;
  running_fake fake{io};
  common::http::client client{io.get_executor(), {}};
  std::string base = fake.fake.base_url();
  std::string root = "http://127.0.0.1:" + std::to_string(fake.fake.port());

  common::http::client_response send(const std::string& model, const std::string& key = "sk-or-v1-aaaaaa111111",
                                     common::clock::duration timeout = std::chrono::seconds(5)) {
    return run_sync(io, chat(client, base, model, key, timeout));
  }
  void configure(const std::string& config) {
    REQUIRE(run_sync(io, control(client, root + "/_fake/config", config)).status == 200);
  }
  json::value content_of(const common::http::client_response& res) {
    return json::parse(res.body).at("choices").at(0).at("message").at("content");
  }
};

}  // namespace

TEST_CASE("fake answers in OpenAI shape with a demo answer", "[fake]") {
  fixture f;
  common::http::client_response res = f.send("openai/gpt-5.1");
  REQUIRE(res.status == 200);
  const json::value body = json::parse(res.body);
  CHECK(body.at("object") == "chat.completion");
  CHECK(body.at("model") == "openai/gpt-5.1");
  CHECK(body.at("choices").at(0).at("finish_reason") == "stop");
  CHECK(std::string(f.content_of(res).as_string()).rfind("Demo answer from openai/gpt-5.1: ", 0) == 0);
}

TEST_CASE("fake latency runs on timers: three 1 s calls overlap", "[fake]") {
  fixture f;
  f.configure(R"({"default": {"latency_ms": 1000}})");
  const auto started = common::clock::now();
  CHECK(run_sync(f.io, three_at_once(f.client, f.base)) == 600);
  const auto elapsed = common::clock::now() - started;
  CHECK(elapsed >= std::chrono::milliseconds(1000));
  // One after another they would take at least 3 s; the margin absorbs a sanitizer build on a busy machine.
  CHECK(elapsed < std::chrono::milliseconds(2500));
}

TEST_CASE("fake fails the first calls with status and Retry-After, then answers", "[fake]") {
  fixture f;
  f.configure(R"({"models": {"m": {"status": 429, "fail_times": 2, "retry_after": 1, "error_message": "slow down"}}})");
  for (int i = 0; i < 2; ++i) {
    common::http::client_response res = f.send("m");
    CHECK(res.status == 429);
    CHECK(res.header("retry-after") == std::optional<std::string_view>("1"));
    CHECK(json::parse(res.body).at("error").at("message") == "slow down");
    CHECK(json::parse(res.body).at("error").at("code") == 429);
  }
  CHECK(f.send("m").status == 200);
  CHECK(f.send("other").status == 200);
}

TEST_CASE("fake null content, malformed body and fixed content", "[fake]") {
  fixture f;
  f.configure(R"({"models": {"n": {"content": null}, "b": {"malformed": true}, "c": {"content": "fixed"}}})");
  CHECK(f.content_of(f.send("n")).is_null());
  common::http::client_response broken = f.send("b");
  CHECK(broken.status == 200);
  boost::system::error_code ec;
  json::parse(broken.body, ec);
  CHECK(ec);
  CHECK(f.content_of(f.send("c")) == "fixed");
}

TEST_CASE("fake requires the configured key and logs only its last characters", "[fake]") {
  fixture f;
  f.configure(R"({"require_key": "sk-or-v1-right-key-123456"})");
  CHECK(f.send("m", "sk-or-v1-wrong-key-999999").status == 401);
  CHECK(f.send("m", "sk-or-v1-right-key-123456").status == 200);
  common::http::client_response log = run_sync(f.io, control(f.client, f.root + "/_fake/requests", ""));
  REQUIRE(log.status == 200);
  CHECK(log.body.find("right-key") == std::string::npos);
  const json::array entries = json::parse(log.body).as_array();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].at("authorization_hint") == "999999");
  CHECK(entries[1].at("authorization_hint") == "123456");
  CHECK(entries[1].at("model") == "m");
  CHECK(entries[1].at("headers").at("http-referer") == "https://council.local");
  CHECK(entries[1].at("messages").at(0).at("content") == "Why is the sky blue?");
  REQUIRE(run_sync(f.io, control(f.client, f.root + "/_fake/reset", "{}")).status == 200);
  CHECK(run_sync(f.io, control(f.client, f.root + "/_fake/requests", "")).body == "[]");
  CHECK(f.send("m", "anything-goes").status == 200);
}

TEST_CASE("fake refuses bad configuration and bad chat bodies", "[fake]") {
  fixture f;
  CHECK(run_sync(f.io, control(f.client, f.root + "/_fake/config", R"({"default": {"hang": "yes"}})")).status == 422);
  CHECK(run_sync(f.io, control(f.client, f.root + "/_fake/config", "{oops")).status == 400);
  CHECK(run_sync(f.io, control(f.client, f.base + "/chat/completions", "{oops")).status == 400);
  CHECK(run_sync(f.io, control(f.client, f.base + "/chat/completions", R"({"model": "m"})")).status == 400);
}

TEST_CASE("fake hang never answers: the client deadline fires", "[fake]") {
  fixture f;
  f.configure(R"({"models": {"h": {"hang": true}}})");
  try {
    f.send("h", "sk-x", std::chrono::milliseconds(200));
    FAIL("a hanging model must not answer");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == boost::asio::error::timed_out);
  }
  CHECK(f.send("fine").status == 200);
}

TEST_CASE("fake serves HTTPS with the dev certificates", "[fake][tls]") {
  boost::asio::io_context io;
  running_fake fake(io, true);
  common::http::client_options options;
  options.ca_file = test_support::cert("ca.crt");
  common::http::client client(io.get_executor(), options);
  const std::string base = fake.fake.base_url();
  CHECK(base.rfind("https://127.0.0.1:", 0) == 0);
  CHECK(run_sync(io, chat(client, base, "m", "sk", std::chrono::seconds(5))).status == 200);
  CHECK(run_sync(io, chat(client, base, "m", "sk", std::chrono::seconds(5))).status == 200);
  CHECK(client.connections_opened() == 1);
}
