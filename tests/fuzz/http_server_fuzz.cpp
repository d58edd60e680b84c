// Fuzz target: raw bytes sent to the real HTTP server (common::http::server with the services' limits) over
// loopback, as one connection that then half-closes; routes read path parameters, query parameters, headers and
// bodies (answering their sizes, so no input text can look like a status line), and one streams the query text as
// server-sent events (every line prefixed). The server must never answer 500 and never stall.
#include "common/http/router.hpp"
#include "common/http/event_stream.hpp"
#include "common/http/server.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using common::http::request;
using common::http::response;

common::http::router make_router() {
  common::http::router r;
  r.add("GET", "/api/items/{id}", [](request& req) -> common::awaitable<response> {
    boost::json::object echo;
    echo["id"] = req.param("id").size();
    echo["q"] = req.query_param("q").value_or("").size();
    echo["agent"] = req.header("user-agent").value_or("").size();
    response res = common::http::json(200, echo);
    res.set_header("x-echo", std::string(req.header("x-echo").value_or("")));
    co_return res;
  });
  r.add("POST", "/api/items/{id}/notes", [](request& req) -> common::awaitable<response> {
    boost::json::object echo;
    echo["id"] = req.param("id").size();
    echo["body"] = req.body.size();
    co_return common::http::json(201, echo);
  });
  r.add("DELETE", "/api/items/{id}", [](request&) -> common::awaitable<response> {
    response res;
    res.status = 204;
    co_return res;
  });
  r.add("GET", "/api/items/{id}/events", [](request& req) -> common::awaitable<response> {
    response res;
    const std::string text = req.query_param("q").value_or("");
    res.stream = [text](common::http::event_stream& out) -> common::awaitable<void> {
      co_await out.comment(text);
      co_await out.send(text);
    };
    co_return res;
  });
  return r;
}

// One server for the whole run; never destroyed (connections may still be closing when the process exits).
struct fixture {
  asio::io_context io;
  common::http::router routes = make_router();
  common::http::server server{io, [] {
                                common::http::server_options options;
                                options.name = "fuzz";
                                options.log_requests = false;
                                return options;
                              }(),
                              routes};
  fixture() { server.start(); }
};

asio::awaitable<void> send_all(tcp::socket& socket, std::string_view bytes) {
  boost::system::error_code ec;
  co_await asio::async_write(socket, asio::buffer(bytes.data(), bytes.size()), asio::redirect_error(asio::use_awaitable, ec));
  socket.shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<std::string> receive_all(tcp::socket& socket) {
  std::string reply;
  char chunk[4096];
  boost::system::error_code ec;
  while (!ec) {
    const std::size_t n = co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
    reply.append(chunk, n);
  }
  co_return reply;
}

// Sends `bytes`, half-closes, and returns everything the server wrote until it closed.
asio::awaitable<std::string> exchange(std::string_view bytes, std::uint16_t port) {
  using namespace asio::experimental::awaitable_operators;
  // Each connection ends in TIME_WAIT on this side; cycling through 127.1.0.1 .. 127.1.253.232 keeps a long run
  // from using up the local ports of one source address.
  static std::uint32_t connections = 0;
  const std::uint32_t source = (127u << 24) | (1u << 16) | (connections++ % 65000 + 1);
  tcp::socket socket(co_await asio::this_coro::executor, tcp::endpoint(asio::ip::address_v4(source), 0));
  co_await socket.async_connect(tcp::endpoint(asio::ip::address_v4::loopback(), port), asio::use_awaitable);
  std::string reply = co_await (send_all(socket, bytes) && receive_all(socket));
  co_return reply;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fixture* f = new fixture;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string reply = test_support::run_sync(f->io, exchange(bytes, f->server.port()));
  if (reply.empty()) return 0;
  if (reply.compare(0, 7, "HTTP/1.") != 0) __builtin_trap();
  // A status line starts the reply or follows a head's blank line, a JSON body or the last chunk.
  for (auto at = reply.find(" 500 "); at != std::string::npos; at = reply.find(" 500 ", at + 1)) {
    const bool status_line = at >= 8 && reply.compare(at - 8, 7, "HTTP/1.") == 0 &&
                             (at == 8 || reply[at - 9] == '\n' || reply[at - 9] == '}');
    if (status_line) __builtin_trap();
  }
  return 0;
}
