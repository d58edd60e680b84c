// Helpers for the HTTP client tests: scripted loopback TCP server (plain Asio, no Beast), fetch, run_until.
#include "client_support.hpp"
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <chrono>

namespace client_tests {
namespace asio = boost::asio;
namespace {

/// Runs one scripted session, keeping the script (and what its lambda captured) alive meanwhile.
common::awaitable<void> run_session(std::shared_ptr<raw_server::session> script, tcp::socket socket,
                                    std::size_t index) {
  co_await (*script)(std::move(socket), index);
}

common::awaitable<void> accept_loop(std::shared_ptr<tcp::acceptor> acceptor,
                                    std::shared_ptr<raw_server::session> script, std::shared_ptr<std::size_t> accepted) {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(asio::as_tuple(common::use_awaitable));
    if (ec) co_return;
    const std::size_t index = (*accepted)++;
    auto executor = acceptor->get_executor();
    asio::co_spawn(executor, run_session(script, std::move(socket), index), asio::detached);
  }
}

}  // namespace

raw_server::raw_server(asio::io_context& io, session script)
    : acceptor_(std::make_shared<tcp::acceptor>(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0))),
      script_(std::make_shared<session>(std::move(script))),
      accepted_(std::make_shared<std::size_t>(0)) {
  asio::co_spawn(io, accept_loop(acceptor_, script_, accepted_), asio::detached);
}

raw_server::~raw_server() {
  boost::system::error_code ignored;
  acceptor_->close(ignored);
}

std::uint16_t raw_server::port() const { return acceptor_->local_endpoint().port(); }

std::string raw_server::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(path);
}

common::awaitable<bool> read_head(tcp::socket& socket, std::string& pending, std::string& head) {
  auto [ec, n] = co_await asio::async_read_until(socket, asio::dynamic_buffer(pending), "\r\n\r\n",
                                                 asio::as_tuple(common::use_awaitable));
  if (ec) co_return false;
  head = pending.substr(0, n);
  pending.erase(0, n);
  co_return true;
}

common::awaitable<bool> write_all(tcp::socket& socket, std::string text) {
  auto [ec, n] = co_await asio::async_write(socket, asio::buffer(text), asio::as_tuple(common::use_awaitable));
  (void)n;
  co_return !ec;
}

std::string ok_response(std::string_view body, bool close) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + std::string(body);
}

common::awaitable<bool> wait_for_close(tcp::socket& socket) {
  char byte = 0;
  for (;;) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(&byte, 1), asio::as_tuple(common::use_awaitable));
    (void)n;
    if (ec) co_return ec == asio::error::eof || ec == asio::error::connection_reset;
  }
}

common::awaitable<common::http::client_response> fetch(common::http::client& client, std::string url,
                                                       common::clock::duration timeout) {
  common::http::client_request req;
  req.url = std::move(url);
  req.timeout = timeout;
  co_return co_await client.send(std::move(req));
}

bool run_until(asio::io_context& io, const std::function<bool()>& done, int timeout_ms) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  io.restart();
  while (!done() && std::chrono::steady_clock::now() < limit) {
    io.run_for(std::chrono::milliseconds(10));
    io.restart();
  }
  return done();
}

}  // namespace client_tests
