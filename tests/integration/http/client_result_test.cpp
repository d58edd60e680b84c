// HTTP client try_send: a response, or each transport failure (deadline, refused connection, TLS handshake,
// broken exchange, cancelled caller) reported as a client_failure naming its step, without an exception.
#include "client_support.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using namespace boost::asio::experimental::awaitable_operators;
using test_support::run_sync;

namespace {

/// Serves "/hang" by never answering, "/drop" by closing after the request head, anything else with "ok".
raw_server scripted_server(boost::asio::io_context& io) {
  return raw_server(io, [](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    while (co_await read_head(socket, pending, head)) {
      if (head.starts_with("GET /hang ")) {
        co_await wait_for_close(socket);
        co_return;
      }
      if (head.starts_with("GET /drop ")) co_return;
      if (!co_await write_all(socket, ok_response("ok"))) co_return;
    }
  });
}

common::awaitable<common::http::client_result> try_fetch(common::http::client& client, std::string url,
                                                         common::clock::duration timeout = std::chrono::seconds(5)) {
  common::http::client_request req;
  req.url = std::move(url);
  req.timeout = timeout;
  co_return co_await client.try_send(std::move(req));
}

/// try_fetch raced against a 100 ms timer the caller's side wins: the request is cancelled.
common::awaitable<std::optional<common::http::client_result>> try_fetch_cancelled(common::http::client& client,
                                                                                  std::string url) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  timer.expires_after(std::chrono::milliseconds(100));
  std::optional<common::http::client_result> got;
  auto request = [&]() -> common::awaitable<void> { got = co_await try_fetch(client, url); };
  common::awaitable<void> requesting = request();
  auto winner = co_await (std::move(requesting) || timer.async_wait(boost::asio::as_tuple(common::use_awaitable)));
  (void)winner;
  co_return got;
}

std::string unused_port_url() {
  boost::asio::io_context io;
  raw_server closed(io, [](tcp::socket, std::size_t) -> common::awaitable<void> { co_return; });
  return "http://127.0.0.1:" + std::to_string(closed.port()) + "/";
}

}  // namespace

TEST_CASE("try_send returns the response as its value", "[http_client]") {
  boost::asio::io_context io;
  raw_server server = scripted_server(io);
  common::http::client client(io.get_executor(), {});
  common::http::client_result got = run_sync(io, try_fetch(client, server.url("/ok")));
  REQUIRE(got.has_value());
  CHECK(got->status == 200);
  CHECK(got->body == "ok");
}

TEST_CASE("try_send reports the request deadline as timed_out", "[http_client]") {
  boost::asio::io_context io;
  raw_server server = scripted_server(io);
  common::http::client client(io.get_executor(), {});
  common::http::client_result got = run_sync(io, try_fetch(client, server.url("/hang"), std::chrono::milliseconds(200)));
  REQUIRE(got.has_error());
  CHECK(got.error().code == boost::asio::error::timed_out);
  CHECK(got.error().what == "HTTP request to http://127.0.0.1:" + std::to_string(server.port()));
  CHECK(run_sync(io, try_fetch(client, server.url("/after"))).value().body == "ok");
}

TEST_CASE("try_send reports a refused connection", "[http_client]") {
  boost::asio::io_context io;
  common::http::client client(io.get_executor(), {});
  const std::string url = unused_port_url();
  common::http::client_result got = run_sync(io, try_fetch(client, url));
  REQUIRE(got.has_error());
  CHECK(got.error().code == boost::asio::error::connection_refused);
  CHECK_THAT(got.error().what, Catch::StartsWith("connect to http://127.0.0.1:"));
}

TEST_CASE("try_send reports a TLS handshake that fails", "[http_client]") {
  boost::asio::io_context io;
  // A plain HTTP server answers the ClientHello with bytes that are not TLS.
  raw_server plain(io, [](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    co_await write_all(socket, ok_response("not TLS", true));
  });
  common::http::client client(io.get_executor(), {});
  const std::string url = "https://127.0.0.1:" + std::to_string(plain.port()) + "/";
  common::http::client_result got = run_sync(io, try_fetch(client, url));
  REQUIRE(got.has_error());
  CHECK(got.error().code);
  CHECK_THAT(got.error().what, Catch::StartsWith("TLS handshake with https://127.0.0.1:"));
}

TEST_CASE("try_send reports a connection closed before the answer as a broken exchange", "[http_client]") {
  boost::asio::io_context io;
  raw_server server = scripted_server(io);
  common::http::client client(io.get_executor(), {});
  common::http::client_result got = run_sync(io, try_fetch(client, server.url("/drop")));
  REQUIRE(got.has_error());
  CHECK(got.error().what == "HTTP exchange with http://127.0.0.1:" + std::to_string(server.port()));
}

TEST_CASE("try_send of a cancelled caller ends as operation_aborted", "[http_client]") {
  boost::asio::io_context io;
  raw_server server = scripted_server(io);
  common::http::client client(io.get_executor(), {});
  std::optional<common::http::client_result> got = run_sync(io, try_fetch_cancelled(client, server.url("/hang")));
  if (got) {  // the request's coroutine finished (rather than being torn down) with its failure
    REQUIRE(got->has_error());
    CHECK(got->error().code == boost::asio::error::operation_aborted);
  }
  CHECK(run_sync(io, try_fetch(client, server.url("/after"))).value().body == "ok");
}

TEST_CASE("try_send passes on what the body sink throws, without waiting for the deadline", "[http_client]") {
  boost::asio::io_context io;
  raw_server server = scripted_server(io);
  common::http::client client(io.get_executor(), {});
  common::http::client_request req;
  req.url = server.url("/ok");
  req.timeout = std::chrono::seconds(30);
  req.on_body = [](std::string_view) -> bool { throw std::runtime_error("sink refused"); };
  const auto started = common::clock::now();
  CHECK_THROWS_WITH(run_sync(io, client.try_send(std::move(req))), "sink refused");
  CHECK(common::clock::now() - started < std::chrono::seconds(10));
}

TEST_CASE("value() of a failed client_result throws the failure as system_error", "[http_client]") {
  const common::http::client_result failed = common::http::client_failure{boost::asio::error::timed_out, "HTTP request to x"};
  try {
    (void)failed.value();
    FAIL("value() should have thrown");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == boost::asio::error::timed_out);
    CHECK_THAT(std::string(e.what()), Catch::StartsWith("HTTP request to x"));
  }
}
