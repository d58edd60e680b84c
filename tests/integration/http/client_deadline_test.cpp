// HTTP client deadlines and cancellation: a silent server times out, a caller that loses an `||` race
// aborts the request and closes its connection, and the client keeps working afterwards.
#include "client_support.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using namespace boost::asio::experimental::awaitable_operators;
using test_support::run_sync;

namespace {

/// Serves "/hang" by never answering (and counts when the client closes that connection), anything else with "ok".
struct hanging_server {
  explicit hanging_server(boost::asio::io_context& io)
      : server(io, [this](tcp::socket socket, std::size_t) -> common::awaitable<void> {
          std::string pending, head;
          const std::string reply = ok_response("ok");
          while (co_await read_head(socket, pending, head)) {
            if (head.starts_with("GET /hang ")) {
              ++hung;
              if (co_await wait_for_close(socket)) ++closed_by_client;
              co_return;
            }
            if (!co_await write_all(socket, reply)) co_return;
          }
        }) {}

  std::size_t hung = 0;
  std::size_t closed_by_client = 0;
  raw_server server;
};

common::awaitable<bool> lose_race(common::http::client& client, std::string url) {
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  timer.expires_after(std::chrono::milliseconds(100));
  auto winner = co_await (fetch(client, url) || timer.async_wait(common::use_awaitable));
  co_return winner.index() == 1;
}

}  // namespace

TEST_CASE("client request deadline fires on a server that never answers", "[http_client]") {
  boost::asio::io_context io;
  hanging_server hang(io);
  common::http::client client(io.get_executor(), {});
  const auto started = common::clock::now();
  try {
    run_sync(io, fetch(client, hang.server.url("/hang"), std::chrono::milliseconds(200)));
    FAIL("the request should have timed out");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == boost::asio::error::timed_out);
  }
  CHECK(common::clock::now() - started < std::chrono::seconds(3));
  CHECK(run_until(io, [&] { return hang.closed_by_client == 1; }, 5000));
}

TEST_CASE("client deadline also covers the TLS handshake", "[http_client]") {
  boost::asio::io_context io;
  // TLS to a plain server that never answers the ClientHello: the request deadline must cut the handshake.
  hanging_server hang(io);
  common::http::client client(io.get_executor(), {});
  const std::string url = "https://127.0.0.1:" + std::to_string(hang.server.port()) + "/hang";
  try {
    run_sync(io, fetch(client, url, std::chrono::milliseconds(200)));
    FAIL("the TLS handshake should have timed out");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == boost::asio::error::timed_out);
  }
}

TEST_CASE("client aborts and closes the connection when the caller is cancelled", "[http_client]") {
  boost::asio::io_context io;
  hanging_server hang(io);
  common::http::client client(io.get_executor(), {});
  CHECK(run_sync(io, fetch(client, hang.server.url("/warm"))).body == "ok");
  CHECK(client.connections_opened() == 1);

  CHECK(run_sync(io, lose_race(client, hang.server.url("/hang"))));
  CHECK(hang.hung == 1);
  CHECK(run_until(io, [&] { return hang.closed_by_client == 1; }, 5000));

  CHECK(run_sync(io, fetch(client, hang.server.url("/after"))).body == "ok");
  CHECK(client.connections_opened() == 2);
  CHECK(hang.server.accepted() == 2);
}

TEST_CASE("client reports a refused connection without waiting for the deadline", "[http_client]") {
  boost::asio::io_context io;
  std::uint16_t port = 0;
  {
    raw_server closed(io, [](tcp::socket, std::size_t) -> common::awaitable<void> { co_return; });
    port = closed.port();
  }
  common::http::client client(io.get_executor(), {});
  const auto started = common::clock::now();
  try {
    run_sync(io, fetch(client, "http://127.0.0.1:" + std::to_string(port) + "/", std::chrono::seconds(20)));
    FAIL("the connection should have been refused");
  } catch (const boost::system::system_error& e) {
    CHECK(e.code() == boost::asio::error::connection_refused);
  }
  CHECK(common::clock::now() - started < std::chrono::seconds(5));
}
