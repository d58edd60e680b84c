// HTTP/1.1 server on Asio coroutines: plain, TLS or mutual TLS; limits, timeouts, logs, SSE, shutdown.
#pragma once
#include "common/core/asio.hpp"
#include "common/core/io_threads.hpp"
#include "common/http/router.hpp"
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace common::http {

/// Server-side TLS files. With `client_ca_file` set, a client certificate from that CA is required.
struct tls_files {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
};

/// Listener settings.
struct server_options {
  std::string name = "http";          // used in logs
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;             // 0 picks a free port (see server::port)
  std::optional<tls_files> tls;       // plain HTTP when empty
  clock::duration tls_reload_interval = std::chrono::seconds(5);  // how often new connections look for changed TLS files
  std::size_t body_limit = 1 << 20;   // 413 above this
  clock::duration header_timeout = std::chrono::seconds(10);  // whole head must arrive in this time
  clock::duration read_timeout = std::chrono::seconds(30);    // whole body must arrive in this time
  clock::duration idle_timeout = std::chrono::seconds(60);    // keep-alive idle limit
  clock::duration write_timeout = std::chrono::seconds(30);
  bool log_requests = true;
  bool serve_metrics = true;          // answer GET /metrics with the process registry (Prometheus text)
};

/// Accepts connections and serves `routes` until stop(). Must outlive its connections (keep it alive until run() returns).
class server {
public:
  server(asio::io_context& io, server_options options, const router& routes);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds and starts accepting; throws std::system_error when the address cannot be bound.
  void start();
  /// The bound port (after start).
  std::uint16_t port() const;
  /// Stops accepting, closes idle connections, lets in-flight requests finish until `deadline`, then closes the rest.
  awaitable<void> stop(clock::duration deadline);
  /// Number of connections accepted so far.
  std::size_t connections_accepted() const;
  /// The executor of the io_context the server runs on (stop() must run there).
  executor get_executor() const;

private:
  friend class server_group;
  struct impl;
  std::shared_ptr<impl> impl_;
};

/// One listener per I/O thread on the same address: each thread's server accepts on its own SO_REUSEPORT socket
/// and serves its connections on that thread, with the route table of that thread. With one thread it is a
/// plain server (no SO_REUSEPORT).
class server_group {
public:
  /// `routes_of(i)` is the route table served on thread i; it must outlive the group.
  server_group(io_threads& threads, server_options options, std::function<const router&(std::size_t)> routes_of);
  /// Binds and starts every listener; throws std::system_error when the address cannot be bound, including when
  /// another socket (of any process, SO_REUSEPORT or not) already listens there.
  void start();
  /// The bound port (after start).
  std::uint16_t port() const;
  /// The servers, one per thread (after start), for run_until_signal.
  std::vector<server*> servers() const;

private:
  io_threads& threads_;
  server_options options_;
  std::function<const router&(std::size_t)> routes_of_;
  std::vector<std::unique_ptr<server>> servers_;
};

/// Runs `io` until SIGTERM/SIGINT, then stops every server with `grace` and returns (exit code 0).
void run_until_signal(asio::io_context& io, std::vector<server*> servers, clock::duration grace);
/// Runs every thread of `threads` until SIGTERM/SIGINT, then stops every server (on its own thread) with `grace`
/// and returns once all have stopped (exit code 0). A second signal stops at once.
void run_until_signal(io_threads& threads, std::vector<server*> servers, clock::duration grace);

}  // namespace common::http
