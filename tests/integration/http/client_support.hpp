// Helpers for the HTTP client tests: a scripted loopback TCP server and a one-call GET.
#pragma once
#include "common/core/asio.hpp"
#include "common/http/client.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace client_tests {

using tcp = boost::asio::ip::tcp;

/// Accepts on 127.0.0.1 (free port) and runs `session(socket, index)` per connection, index counting from 0.
class raw_server {
public:
  using session = std::function<common::awaitable<void>(tcp::socket, std::size_t)>;
  raw_server(boost::asio::io_context& io, session script);
  /// Stops accepting (connections already accepted keep running).
  ~raw_server();
  raw_server(const raw_server&) = delete;
  raw_server& operator=(const raw_server&) = delete;
  /// The bound port.
  std::uint16_t port() const;
  /// Connections accepted so far.
  std::size_t accepted() const { return *accepted_; }
  /// `http://127.0.0.1:<port><path>`.
  std::string url(std::string_view path) const;

private:
  std::shared_ptr<tcp::acceptor> acceptor_;
  std::shared_ptr<session> script_;
  std::shared_ptr<std::size_t> accepted_;
};

/// Reads one request head (through the blank line) into `head`, using `pending` as carry-over; false on EOF or error.
common::awaitable<bool> read_head(tcp::socket& socket, std::string& pending, std::string& head);
/// Writes `text` completely; false on error.
common::awaitable<bool> write_all(tcp::socket& socket, std::string text);
/// A 200 response with `body`; `Connection: close` when `close`.
std::string ok_response(std::string_view body, bool close = false);
/// Waits until the peer closes the connection (or an error); returns true at EOF/reset.
common::awaitable<bool> wait_for_close(tcp::socket& socket);
/// GET `url` with `timeout`.
common::awaitable<common::http::client_response> fetch(common::http::client& client, std::string url,
                                                       common::clock::duration timeout = std::chrono::seconds(5));
/// Runs `io` until `done()` or `timeout_ms` passed; returns done().
bool run_until(boost::asio::io_context& io, const std::function<bool()>& done, int timeout_ms);

}  // namespace client_tests
