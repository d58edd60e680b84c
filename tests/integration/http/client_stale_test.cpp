// HTTP client against servers that close keep-alive connections: stale pooled connections are replaced,
// a reused connection closed before any response byte is retried once on a fresh one, and only then.
#include "client_support.hpp"
#include "support/run_sync.hpp"
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using test_support::run_sync;

namespace {

/// Answers one request, then reads the next request and closes without answering (the race a pool must survive).
common::awaitable<void> drop_second_request(tcp::socket socket, std::size_t index) {
  std::string pending, head;
  const std::string reply = ok_response("conn " + std::to_string(index));
  if (!co_await read_head(socket, pending, head)) co_return;
  co_await write_all(socket, reply);
  if (co_await read_head(socket, pending, head)) socket.close();
}

/// Closes every connection right after reading its request.
common::awaitable<void> never_answer(tcp::socket socket, std::size_t) {
  std::string pending, head;
  if (co_await read_head(socket, pending, head)) socket.close();
}

}  // namespace

TEST_CASE("client replaces a pooled connection the server already closed", "[http_client]") {
  boost::asio::io_context io;
  std::size_t closed = 0;
  // Answers one request (claiming keep-alive), then closes the connection at once.
  raw_server server(io, [&closed](tcp::socket socket, std::size_t index) -> common::awaitable<void> {
    std::string pending, head;
    const std::string reply = ok_response("conn " + std::to_string(index));
    if (co_await read_head(socket, pending, head)) co_await write_all(socket, reply);
    socket.close();
    ++closed;
  });
  common::http::client client(io.get_executor(), {});
  CHECK(run_sync(io, fetch(client, server.url("/a"))).body == "conn 0");
  REQUIRE(run_until(io, [&] { return closed == 1; }, 5000));
  CHECK(run_sync(io, fetch(client, server.url("/b"))).body == "conn 1");
  CHECK(server.accepted() == 2);
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("client retries once on a fresh connection when a reused one closes before answering", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, drop_second_request);
  common::http::client client(io.get_executor(), {});
  CHECK(run_sync(io, fetch(client, server.url("/a"))).body == "conn 0");
  CHECK(run_sync(io, fetch(client, server.url("/b"))).body == "conn 1");
  CHECK(server.accepted() == 2);
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("client does not retry a fresh connection that closes before answering", "[http_client]") {
  boost::asio::io_context io;
  raw_server server(io, never_answer);
  common::http::client client(io.get_executor(), {});
  CHECK_THROWS_AS(run_sync(io, fetch(client, server.url("/a"))), boost::system::system_error);
  CHECK(server.accepted() == 1);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("client retries a stale reused connection only once", "[http_client]") {
  boost::asio::io_context io;
  std::size_t answered = 0;
  raw_server server(io, [&answered](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    const std::string reply = ok_response("only");
    if (answered++ > 0) {
      if (co_await read_head(socket, pending, head)) socket.close();
      co_return;
    }
    if (!co_await read_head(socket, pending, head)) co_return;
    co_await write_all(socket, reply);
    if (co_await read_head(socket, pending, head)) socket.close();
  });
  common::http::client client(io.get_executor(), {});
  CHECK(run_sync(io, fetch(client, server.url("/a"))).body == "only");
  CHECK_THROWS_AS(run_sync(io, fetch(client, server.url("/b"))), boost::system::system_error);
  CHECK(server.accepted() == 2);
  CHECK(client.connections_opened() == 2);
}
