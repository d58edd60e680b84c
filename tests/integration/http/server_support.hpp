// Shared pieces of the HTTP server tests: a loopback server on one io_context and a raw Beast exchange.
#pragma once
#include "common/http/server.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>
#include <string>

namespace server_tests {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using raw_request = bhttp::request<bhttp::string_body>;
using raw_response = bhttp::response<bhttp::string_body>;

/// Safety deadline of every client operation: a server that fails to answer fails the test instead of hanging.
inline constexpr auto client_deadline = std::chrono::seconds(5);

/// A server on 127.0.0.1 (free port) driven by `io`; stopped with a short grace on destruction.
struct fixture {
  asio::io_context io;
  common::http::router routes;
  std::unique_ptr<common::http::server> server;

  /// Creates and starts the server with `options` (host and port are forced to loopback and 0).
  void start(common::http::server_options options) {
    options.host = "127.0.0.1";
    options.port = 0;
    server = std::make_unique<common::http::server>(io, std::move(options), routes);
    server->start();
  }
  /// Runs `task` on `io` (the server keeps serving meanwhile) and returns its result.
  template <class T>
  T run(common::awaitable<T> task) {
    return test_support::run_sync(io, std::move(task));
  }
  /// Loopback endpoint of the server.
  tcp::endpoint endpoint() const { return {asio::ip::make_address("127.0.0.1"), server->port()}; }

  ~fixture() {
    if (server) run(server->stop(std::chrono::seconds(1)));
  }
};

/// An HTTP/1.1 request with Host set.
inline raw_request make_request(bhttp::verb method, std::string target, std::string body = {}) {
  raw_request req(method, target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = std::move(body);
  }
  req.prepare_payload();
  return req;
}

/// Writes `req` on `stream` and reads one response, both under client_deadline.
template <class Stream>
common::awaitable<raw_response> exchange(Stream& stream, raw_request req) {
  beast::get_lowest_layer(stream).expires_after(client_deadline);
  co_await bhttp::async_write(stream, req, common::use_awaitable);
  beast::flat_buffer buffer;
  raw_response res;
  co_await bhttp::async_read(stream, buffer, res, common::use_awaitable);
  co_return res;
}

}  // namespace server_tests
