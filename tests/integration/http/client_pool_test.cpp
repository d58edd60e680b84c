// HTTP client keep-alive pool: reuse, Connection: close, the idle cap per origin, idle expiry.
#include "client_support.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using namespace boost::asio::experimental::awaitable_operators;
using test_support::run_sync;

namespace {

/// Answers every request on the connection with "hello" and keeps it open.
common::awaitable<void> keep_alive_session(tcp::socket socket, std::size_t) {
  std::string pending, head;
  const std::string reply = ok_response("hello");
  while (co_await read_head(socket, pending, head)) {
    if (!co_await write_all(socket, reply)) co_return;
  }
}

/// Answers with `Connection: close` and closes.
common::awaitable<void> closing_session(tcp::socket socket, std::size_t) {
  std::string pending, head;
  const std::string reply = ok_response("bye", true);
  if (co_await read_head(socket, pending, head)) co_await write_all(socket, reply);
}

/// Answers each request after 50 ms, so that two requests sent together overlap.
common::awaitable<void> slow_session(tcp::socket socket, std::size_t) {
  std::string pending, head;
  const std::string reply = ok_response("slow");
  boost::asio::steady_timer timer(socket.get_executor());
  while (co_await read_head(socket, pending, head)) {
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(common::use_awaitable);
    if (!co_await write_all(socket, reply)) co_return;
  }
}

common::awaitable<void> fetch_pair(common::http::client& client, std::string url) {
  auto both = co_await (fetch(client, url) && fetch(client, url));
  CHECK(std::get<0>(both).status == 200);
  CHECK(std::get<1>(both).status == 200);
}

}  // namespace

TEST_CASE("client reuses one keep-alive connection for sequential requests", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, keep_alive_session);
  common::http::client client(io.get_executor(), {});
  for (int i = 0; i < 3; ++i) {
    common::http::client_response res = run_sync(io, fetch(client, server.url("/hello")));
    CHECK(res.status == 200);
    CHECK(res.body == "hello");
    REQUIRE(res.header("Content-Type") == std::optional<std::string_view>("text/plain"));
  }
  CHECK(server.accepted() == 1);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("client does not pool a Connection: close response", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, closing_session);
  common::http::client client(io.get_executor(), {});
  CHECK(run_sync(io, fetch(client, server.url("/a"))).body == "bye");
  CHECK(run_sync(io, fetch(client, server.url("/b"))).body == "bye");
  CHECK(server.accepted() == 2);
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("client keeps at most max_idle_per_host idle connections", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, slow_session);
  common::http::client_options options;
  options.max_idle_per_host = 1;
  common::http::client client(io.get_executor(), options);
  run_sync(io, fetch_pair(client, server.url("/x")));
  CHECK(client.connections_opened() == 2);
  run_sync(io, fetch_pair(client, server.url("/x")));
  CHECK(client.connections_opened() == 3);
}

TEST_CASE("client keeps both connections of a pair when the cap allows", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, slow_session);
  common::http::client client(io.get_executor(), {});
  run_sync(io, fetch_pair(client, server.url("/x")));
  run_sync(io, fetch_pair(client, server.url("/x")));
  CHECK(client.connections_opened() == 2);
  CHECK(server.accepted() == 2);
}

TEST_CASE("client drops connections idle longer than idle_timeout", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, keep_alive_session);
  common::http::client_options options;
  options.idle_timeout = std::chrono::milliseconds(30);
  common::http::client client(io.get_executor(), options);
  run_sync(io, fetch(client, server.url("/a")));
  run_sync(io, common::sleep_for(std::chrono::milliseconds(80)));
  run_sync(io, fetch(client, server.url("/b")));
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("client keeps separate pools per origin", "[http_client]") {
  boost::asio::io_context io;
  raw_server first(io, keep_alive_session);
  raw_server second(io, keep_alive_session);
  common::http::client client(io.get_executor(), {});
  run_sync(io, fetch(client, first.url("/a")));
  run_sync(io, fetch(client, second.url("/a")));
  run_sync(io, fetch(client, first.url("/b")));
  run_sync(io, fetch(client, second.url("/b")));
  CHECK(client.connections_opened() == 2);
  CHECK(first.accepted() == 1);
  CHECK(second.accepted() == 1);
}
