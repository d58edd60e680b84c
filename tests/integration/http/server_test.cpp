// HTTP server over plain TCP: healthz, request ids, error bodies, limits, slow clients, keep-alive, SSE, shutdown.
#include "common/http/event_stream.hpp"
#include "server_support.hpp"
#include "support/prometheus_text.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <functional>
#include <memory>
#include <optional>

using namespace server_tests;
using namespace common::http;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using boost::system::error_code;
using common::awaitable;
using common::use_awaitable;

namespace {

awaitable<beast::tcp_stream> connect(tcp::endpoint endpoint) {
  auto ex = co_await asio::this_coro::executor;
  beast::tcp_stream stream(ex);
  stream.expires_after(client_deadline);
  co_await stream.async_connect(endpoint, use_awaitable);
  co_return stream;
}

// connect() for synchronous test code (run_sync needs a default-constructible result).
awaitable<std::unique_ptr<beast::tcp_stream>> open_stream(tcp::endpoint endpoint) {
  beast::tcp_stream stream = co_await connect(endpoint);
  co_return std::make_unique<beast::tcp_stream>(std::move(stream));
}

// One request on a fresh connection.
awaitable<raw_response> fetch(tcp::endpoint endpoint, raw_request req) {
  beast::tcp_stream stream = co_await connect(endpoint);
  raw_response res = co_await exchange(stream, std::move(req));
  co_return res;
}

// Sends `text` as is on a fresh connection and reads one response.
awaitable<raw_response> send_raw(tcp::endpoint endpoint, std::string text) {
  beast::tcp_stream stream = co_await connect(endpoint);
  co_await asio::async_write(stream, asio::buffer(text), use_awaitable);
  beast::flat_buffer buffer;
  raw_response res;
  co_await bhttp::async_read(stream, buffer, res, use_awaitable);
  co_return res;
}

// True when the server closes `socket` (EOF or reset) before client_deadline.
awaitable<bool> closed_by_server(tcp::socket& socket) {
  asio::steady_timer deadline(socket.get_executor());
  deadline.expires_after(client_deadline);
  char sink[1024];
  for (;;) {
    error_code ec;
    auto first = co_await (socket.async_read_some(asio::buffer(sink), asio::redirect_error(use_awaitable, ec)) ||
                           deadline.async_wait(use_awaitable));
    if (first.index() == 1) co_return false;
    if (ec) co_return true;
  }
}

// Connects, sends `text`, then stays silent; true when the server cuts the connection.
awaitable<bool> send_then_wait(tcp::endpoint endpoint, std::string text) {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket socket(ex);
  co_await socket.async_connect(endpoint, use_awaitable);
  if (!text.empty()) co_await asio::async_write(socket, asio::buffer(text), use_awaitable);
  co_return co_await closed_by_server(socket);
}

// Slowloris: sends half a head, then one more header byte every 100 ms; true when the server cuts the connection.
awaitable<bool> trickle(tcp::endpoint endpoint) {
  auto ex = co_await asio::this_coro::executor;
  tcp::socket socket(ex);
  co_await socket.async_connect(endpoint, use_awaitable);
  const std::string_view start = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  co_await asio::async_write(socket, asio::buffer(start.data(), start.size()), use_awaitable);
  asio::steady_timer pause(ex);
  char sink[256];
  for (int i = 0; i < 50; ++i) {
    error_code ec;
    co_await asio::async_write(socket, asio::buffer("a", 1), asio::redirect_error(use_awaitable, ec));
    if (ec) co_return true;
    pause.expires_after(100ms);
    auto first = co_await (socket.async_read_some(asio::buffer(sink), asio::redirect_error(use_awaitable, ec)) ||
                           pause.async_wait(use_awaitable));
    if (first.index() == 0 && ec) co_return true;
  }
  co_return false;
}

// Runs `io` until `done()` or client_deadline passes; returns done().
bool pump_until(asio::io_context& io, const std::function<bool()>& done) {
  const auto until = std::chrono::steady_clock::now() + client_deadline;
  io.restart();
  while (!done() && std::chrono::steady_clock::now() < until) io.run_one_for(10ms);
  return done();
}

std::string detail_of(const raw_response& res) {
  return std::string(boost::json::parse(res.body()).as_object().at("detail").as_string());
}

handler hello() {
  return [](request&) -> awaitable<response> {
    boost::json::object body;
    body["hello"] = "world";
    co_return json(200, body);
  };
}

server_options small_timeouts() {
  server_options options;
  options.header_timeout = 300ms;
  options.read_timeout = 300ms;
  options.idle_timeout = 300ms;
  options.write_timeout = 2s;
  return options;
}

}  // namespace

TEST_CASE("server answers /healthz and echoes or generates the request id", "[server]") {
  fixture f;
  f.routes.add("GET", "/whoami", [](request& req) -> awaitable<response> {
    boost::json::object body;
    body["request_id"] = req.request_id;
    body["peer"] = req.peer_ip;
    body["identity"] = req.client_identity;
    body["agent"] = req.header("user-agent").value_or("");
    co_return json(200, body);
  });
  f.start({});
  const auto endpoint = f.endpoint();

  auto health = f.run(fetch(endpoint, make_request(bhttp::verb::get, "/healthz")));
  CHECK(health.result_int() == 200);
  CHECK(boost::json::parse(health.body()) == boost::json::parse(R"({"status":"ok"})"));
  CHECK(health[bhttp::field::content_type] == "application/json");
  CHECK(health["x-request-id"].size() == 36);

  auto given = make_request(bhttp::verb::get, "/whoami");
  given.set("X-Request-Id", "req-1.A_b");
  given.set(bhttp::field::user_agent, "tests");
  auto echoed = f.run(fetch(endpoint, std::move(given)));
  CHECK(echoed["x-request-id"] == "req-1.A_b");
  auto body = boost::json::parse(echoed.body()).as_object();
  CHECK(body.at("request_id") == "req-1.A_b");
  CHECK(body.at("peer") == "127.0.0.1");
  CHECK(body.at("identity") == "");
  CHECK(body.at("agent") == "tests");

  auto bad = make_request(bhttp::verb::get, "/whoami");
  bad.set("X-Request-Id", "bad id!");
  auto replaced = f.run(fetch(endpoint, std::move(bad)));
  CHECK(replaced["x-request-id"].size() == 36);
  CHECK(boost::json::parse(replaced.body()).as_object().at("request_id") == replaced["x-request-id"]);
}

TEST_CASE("server error bodies are JSON {detail} with content-type application/json", "[server]") {
  fixture f;
  f.routes.add("GET", "/hello", hello());
  f.routes.add("GET", "/boom", [](request&) -> awaitable<response> {
    throw std::runtime_error("database password=hunter2 unreachable");
    co_return response{};
  });
  f.routes.add("GET", "/bare", [](request&) -> awaitable<response> {
    response res;
    res.status = 202;
    res.body = "[]";
    co_return res;
  });
  f.start({});
  const auto endpoint = f.endpoint();

  auto not_found = f.run(fetch(endpoint, make_request(bhttp::verb::get, "/nope")));
  CHECK(not_found.result_int() == 404);
  CHECK(not_found[bhttp::field::content_type] == "application/json");
  CHECK(detail_of(not_found) == "Not Found");

  auto not_allowed = f.run(fetch(endpoint, make_request(bhttp::verb::post, "/hello", "{}")));
  CHECK(not_allowed.result_int() == 405);
  CHECK(not_allowed[bhttp::field::allow] == "GET");
  CHECK(detail_of(not_allowed) == "Method Not Allowed");

  auto failed = f.run(fetch(endpoint, make_request(bhttp::verb::get, "/boom")));
  CHECK(failed.result_int() == 500);
  CHECK(failed.body() == R"({"detail":"Internal Server Error"})");
  CHECK(failed[bhttp::field::content_type] == "application/json");

  auto bare = f.run(fetch(endpoint, make_request(bhttp::verb::get, "/bare")));
  CHECK(bare.result_int() == 202);
  CHECK(bare[bhttp::field::content_type] == "application/json");

  auto malformed = f.run(send_raw(endpoint, "GET /hello HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n"));
  CHECK(malformed.result_int() == 400);
  CHECK(detail_of(malformed) == "Malformed request");
  CHECK(malformed[bhttp::field::content_type] == "application/json");

  auto absolute = f.run(send_raw(endpoint, "GET http://x/hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(absolute.result_int() == 400);

  std::string huge = "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n";
  auto too_big_head = f.run(send_raw(endpoint, huge));
  CHECK(too_big_head.result_int() == 431);
  CHECK(too_big_head[bhttp::field::content_type] == "application/json");
}

TEST_CASE("server refuses bodies over the limit with 413, checking Content-Length first", "[server]") {
  fixture f;
  int calls = 0;
  f.routes.add("POST", "/echo", [&calls](request& req) -> awaitable<response> {
    ++calls;
    boost::json::object body;
    body["size"] = req.body.size();
    co_return json(200, body);
  });
  server_options options;
  options.body_limit = 1000;
  f.start(options);
  const auto endpoint = f.endpoint();

  SECTION("Content-Length over the limit is refused before the body is sent") {
    auto res = f.run(send_raw(endpoint, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n"));
    CHECK(res.result_int() == 413);
    CHECK(detail_of(res) == "Request body too large");
    CHECK(res[bhttp::field::content_type] == "application/json");
    CHECK_FALSE(res.keep_alive());
    CHECK(calls == 0);
  }
  SECTION("a body larger than the socket buffers that is sent anyway still gets its 413 (no reset)") {
    auto res = f.run(fetch(endpoint, make_request(bhttp::verb::post, "/echo", std::string(8 << 20, 'x'))));
    CHECK(res.result_int() == 413);
    CHECK(calls == 0);
  }
  SECTION("a chunked body that grows over the limit is refused") {
    std::string chunk(600, 'y');
    std::string text = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + chunk +
                       "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n";
    auto res = f.run(send_raw(endpoint, text));
    CHECK(res.result_int() == 413);
    CHECK(calls == 0);
  }
  SECTION("a body of exactly the limit is accepted") {
    auto res = f.run(fetch(endpoint, make_request(bhttp::verb::post, "/echo", std::string(1000, 'z'))));
    CHECK(res.result_int() == 200);
    CHECK(boost::json::parse(res.body()).as_object().at("size") == 1000);
    CHECK(calls == 1);
  }
}

TEST_CASE("server disconnects slow and silent clients", "[server]") {
  fixture f;
  f.routes.add("GET", "/hello", hello());
  f.routes.add("POST", "/hello", hello());
  f.start(small_timeouts());
  const auto endpoint = f.endpoint();

  SECTION("half a header, then one byte at a time (slowloris), is cut by the header timeout") {
    CHECK(f.run(trickle(endpoint)));
  }
  SECTION("a connection that never sends anything is cut") {
    CHECK(f.run(send_then_wait(endpoint, "")));
  }
  SECTION("half a header, then silence, is cut") {
    CHECK(f.run(send_then_wait(endpoint, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n")));
  }
  SECTION("a body that stops arriving is cut by the read timeout") {
    CHECK(f.run(send_then_wait(endpoint, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")));
  }
  SECTION("an idle keep-alive connection is closed after the idle timeout") {
    auto stream = f.run(open_stream(endpoint));
    auto res = f.run(exchange(*stream, make_request(bhttp::verb::get, "/hello")));
    CHECK(res.result_int() == 200);
    CHECK(res.keep_alive());
    stream->expires_never();
    CHECK(f.run(closed_by_server(stream->socket())));
  }
}

namespace {

awaitable<std::pair<raw_response, raw_response>> two_requests(tcp::endpoint endpoint) {
  beast::tcp_stream stream = co_await connect(endpoint);
  raw_request get = make_request(bhttp::verb::get, "/hello");
  raw_response first = co_await exchange(stream, std::move(get));
  raw_request post = make_request(bhttp::verb::post, "/hello", R"({"a":1})");
  raw_response second = co_await exchange(stream, std::move(post));
  co_return std::pair{std::move(first), std::move(second)};
}

}  // namespace

TEST_CASE("keep-alive serves sequential requests on one connection", "[server]") {
  fixture f;
  f.routes.add("GET", "/hello", hello());
  f.routes.add("POST", "/hello", hello());
  f.start({});
  const auto endpoint = f.endpoint();

  auto [first, second] = f.run(two_requests(endpoint));
  CHECK(first.result_int() == 200);
  CHECK(second.result_int() == 200);
  CHECK(first.keep_alive());
  CHECK(second.keep_alive());
  CHECK(f.server->connections_accepted() == 1);

  auto stream = f.run(open_stream(endpoint));
  auto closing = make_request(bhttp::verb::get, "/hello");
  closing.keep_alive(false);
  auto res = f.run(exchange(*stream, std::move(closing)));
  CHECK(res.result_int() == 200);
  CHECK_FALSE(res.keep_alive());
  CHECK(f.run(closed_by_server(stream->socket())));
  CHECK(f.server->connections_accepted() == 2);
}

namespace {

struct sse_result {
  std::string content_type;
  std::string cache_control;
  std::string accel_buffering;
  bool chunked = false;
  std::string first;
  std::string rest;
  int next_status = 0;
};

// Reads the stream's first event, opens `gate` so the producer may go on, reads the rest, then reuses the connection.
awaitable<sse_result> read_events(tcp::endpoint endpoint, asio::steady_timer& gate) {
  beast::tcp_stream stream = co_await connect(endpoint);
  const raw_request req = make_request(bhttp::verb::get, "/events");
  co_await bhttp::async_write(stream, req, use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  std::string received;
  auto on_chunk = [&received](std::uint64_t, beast::string_view body, error_code&) -> std::size_t {
    received.append(body.data(), body.size());
    return body.size();
  };
  parser.on_chunk_body(on_chunk);
  co_await bhttp::async_read_header(stream, buffer, parser, use_awaitable);
  sse_result out;
  const auto& head = parser.get();
  out.content_type = head[bhttp::field::content_type];
  out.cache_control = head[bhttp::field::cache_control];
  out.accel_buffering = head["x-accel-buffering"];
  out.chunked = head.chunked();
  while (received.find("\n\n") == std::string::npos) co_await bhttp::async_read_some(stream, buffer, parser, use_awaitable);
  out.first = received;
  received.clear();
  gate.cancel();
  while (!parser.is_done()) co_await bhttp::async_read_some(stream, buffer, parser, use_awaitable);
  out.rest = received;
  raw_request health = make_request(bhttp::verb::get, "/healthz");
  raw_response next = co_await exchange(stream, std::move(health));
  out.next_status = next.result_int();
  co_return out;
}

// Reads the head and the first bytes of the stream, then hangs up.
awaitable<void> read_first_then_leave(tcp::endpoint endpoint) {
  beast::tcp_stream stream = co_await connect(endpoint);
  const raw_request req = make_request(bhttp::verb::get, "/pings");
  co_await bhttp::async_write(stream, req, use_awaitable);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  co_await bhttp::async_read_header(stream, buffer, parser, use_awaitable);
  stream.close();
}

}  // namespace

TEST_CASE("server-sent events arrive one by one as they are sent", "[server][sse]") {
  fixture f;
  asio::steady_timer gate(f.io);
  gate.expires_after(2 * client_deadline);
  f.routes.add("GET", "/events", [&gate](request&) -> awaitable<response> {
    response res;
    res.stream = [&gate](event_stream& out) -> awaitable<void> {
      co_await out.send(R"({"type":"stage1_start"})");
      error_code ec;
      co_await gate.async_wait(asio::redirect_error(use_awaitable, ec));
      co_await out.send(R"({"type":"complete"})");
      co_await out.comment("ping");
    };
    co_return res;
  });
  f.start({});

  sse_result result = f.run(read_events(f.endpoint(), gate));
  CHECK(result.content_type == "text/event-stream");
  CHECK(result.cache_control == "no-cache");
  CHECK(result.accel_buffering == "no");
  CHECK(result.chunked);
  CHECK(result.first == "id: 1\ndata: {\"type\":\"stage1_start\"}\n\n");
  CHECK(result.rest == "id: 2\ndata: {\"type\":\"complete\"}\n\n: ping\n\n");
  CHECK(result.next_status == 200);
  CHECK(f.server->connections_accepted() == 1);
}

TEST_CASE("event_stream reports a vanished client instead of throwing", "[server][sse]") {
  fixture f;
  std::optional<int> sent_before_failure;
  f.routes.add("GET", "/pings", [&sent_before_failure](request&) -> awaitable<response> {
    response res;
    res.stream = [&sent_before_failure](event_stream& out) -> awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      asio::steady_timer pause(ex);
      for (int i = 0; i < 1000; ++i) {
        if (!co_await out.comment("ping")) {
          sent_before_failure = i;
          co_return;
        }
        pause.expires_after(10ms);
        co_await pause.async_wait(use_awaitable);
      }
    };
    co_return res;
  });
  f.start({});
  f.run(read_first_then_leave(f.endpoint()));
  REQUIRE(pump_until(f.io, [&] { return sent_before_failure.has_value(); }));
  CHECK(*sent_before_failure >= 1);
}

namespace {

struct slow_fixture {
  fixture f;
  asio::steady_timer gate{f.io};
  bool entered = false;

  slow_fixture() {
    gate.expires_after(2 * client_deadline);
    f.routes.add("GET", "/hello", hello());
    f.routes.add("GET", "/slow", [this](request&) -> awaitable<response> {
      entered = true;
      error_code ec;
      co_await gate.async_wait(asio::redirect_error(use_awaitable, ec));
      boost::json::object body;
      body["finished"] = true;
      co_return json(200, body);
    });
    f.start({});
  }
};

}  // namespace

TEST_CASE("stop() lets an in-flight request finish, closes idle connections and stops accepting", "[server][shutdown]") {
  slow_fixture s;
  auto& f = s.f;
  const auto endpoint = f.endpoint();

  auto idle = f.run(open_stream(endpoint));
  CHECK(f.run(exchange(*idle, make_request(bhttp::verb::get, "/hello"))).result_int() == 200);
  idle->expires_never();

  std::optional<raw_response> slow;
  bool slow_failed = false;
  asio::co_spawn(f.io, fetch(endpoint, make_request(bhttp::verb::get, "/slow")),
                 [&](std::exception_ptr failure, raw_response res) {
                   if (failure) slow_failed = true;
                   else slow = std::move(res);
                 });
  REQUIRE(pump_until(f.io, [&] { return s.entered; }));

  bool stopped = false;
  asio::co_spawn(f.io, f.server->stop(2 * client_deadline), [&](std::exception_ptr) { stopped = true; });
  CHECK(f.run(closed_by_server(idle->socket())));
  CHECK_FALSE(stopped);
  CHECK_FALSE(slow.has_value());

  s.gate.cancel();
  REQUIRE(pump_until(f.io, [&] { return slow.has_value() || slow_failed; }));
  REQUIRE(slow.has_value());
  CHECK(slow->result_int() == 200);
  CHECK(boost::json::parse(slow->body()).as_object().at("finished") == true);
  CHECK_FALSE(slow->keep_alive());
  CHECK(pump_until(f.io, [&] { return stopped; }));
  CHECK_THROWS(f.run(open_stream(endpoint)));
}

TEST_CASE("stop() force-closes requests still running at the deadline", "[server][shutdown]") {
  slow_fixture s;
  auto& f = s.f;
  bool slow_failed = false;
  bool slow_answered = false;
  asio::co_spawn(f.io, fetch(f.endpoint(), make_request(bhttp::verb::get, "/slow")),
                 [&](std::exception_ptr failure, raw_response) {
                   slow_failed = failure != nullptr;
                   slow_answered = failure == nullptr;
                 });
  REQUIRE(pump_until(f.io, [&] { return s.entered; }));
  bool stopped = false;
  asio::co_spawn(f.io, f.server->stop(200ms), [&](std::exception_ptr) { stopped = true; });
  REQUIRE(pump_until(f.io, [&] { return stopped; }));
  CHECK(pump_until(f.io, [&] { return slow_failed; }));
  CHECK_FALSE(slow_answered);
  s.gate.cancel();
}

TEST_CASE("run_until_signal stops on SIGTERM and lets the in-flight request finish", "[server][shutdown]") {
  fixture f;
  f.routes.add("GET", "/slow", [](request&) -> awaitable<response> {
    std::raise(SIGTERM);
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer pause(ex);
    pause.expires_after(200ms);
    co_await pause.async_wait(use_awaitable);
    boost::json::object body;
    body["finished"] = true;
    co_return json(200, body);
  });
  f.start({});

  std::optional<raw_response> slow;
  bool slow_failed = false;
  asio::co_spawn(f.io, fetch(f.endpoint(), make_request(bhttp::verb::get, "/slow")),
                 [&](std::exception_ptr failure, raw_response res) {
                   if (failure) slow_failed = true;
                   else slow = std::move(res);
                 });
  bool hung = false;
  asio::steady_timer watchdog(f.io);
  watchdog.expires_after(2 * client_deadline);
  watchdog.async_wait([&](error_code ec) {
    if (ec) return;
    hung = true;
    f.io.stop();
  });
  run_until_signal(f.io, {f.server.get()}, client_deadline);
  watchdog.cancel();
  CHECK_FALSE(hung);
  REQUIRE(pump_until(f.io, [&] { return slow.has_value() || slow_failed; }));
  REQUIRE(slow.has_value());
  CHECK(slow->result_int() == 200);
  CHECK(boost::json::parse(slow->body()).as_object().at("finished") == true);
}

TEST_CASE("server counts requests by route and serves /metrics unless told not to", "[server][metrics]") {
  fixture f;
  f.routes.add("GET", "/items/{id}", hello());
  server_options options;
  options.name = "metrics-on";
  f.start(options);
  const auto endpoint = f.endpoint();
  CHECK(f.run(fetch(endpoint, make_request(bhttp::verb::get, "/items/42"))).result_int() == 200);
  CHECK(f.run(fetch(endpoint, make_request(bhttp::verb::delete_, "/items/42"))).result_int() == 405);
  CHECK(f.run(fetch(endpoint, make_request(bhttp::verb::get, "/nowhere"))).result_int() == 404);

  auto page = f.run(fetch(endpoint, make_request(bhttp::verb::get, "/metrics")));
  REQUIRE(page.result_int() == 200);
  CHECK(std::string(page[bhttp::field::content_type]).rfind("text/plain; version=0.0.4", 0) == 0);
  const std::string& text = page.body();
  CHECK(test_support::metric_sample(text, R"(http_requests_total{server="metrics-on",method="GET",route="/items/{id}",status="200"})") == 1);
  CHECK(test_support::metric_sample(text, R"(http_requests_total{server="metrics-on",method="GET",route="unmatched",status="404"})") == 1);
  CHECK(test_support::metric_sample(text, R"(http_requests_total{server="metrics-on",method="DELETE",route="unmatched",status="405"})") == 1);
  CHECK(test_support::metric_sample(text, R"(http_request_duration_seconds_count{server="metrics-on",route="/items/{id}"})") == 1);
  CHECK(text.find("/items/42") == std::string::npos);

  fixture quiet;
  server_options hidden;
  hidden.name = "metrics-off";
  hidden.serve_metrics = false;
  quiet.start(hidden);
  CHECK(quiet.run(fetch(quiet.endpoint(), make_request(bhttp::verb::get, "/metrics"))).result_int() == 404);
}
