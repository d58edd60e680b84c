// One fake OpenRouter instance (state, routes, server) on an io_context; used by main.cpp and by tests in-process.
#pragma once
#include "common/http/server.hpp"
#include "fakes/routes.hpp"
#include "fakes/state.hpp"
#include <cstdint>
#include <optional>
#include <string>

namespace fake_openrouter {

/// Where and how the fake listens.
struct fake_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;                       // 0 picks a free port
  std::optional<common::http::tls_files> tls;  // plain HTTP when empty
  bool log_requests = true;                     // one log line per request
};

/// A fake OpenRouter served on `io`. Keep it alive until its server has stopped.
class fake_server {
public:
  fake_server(common::asio::io_context& io, fake_options options);
  fake_server(const fake_server&) = delete;
  fake_server& operator=(const fake_server&) = delete;

  /// Binds and starts serving; throws when the address cannot be bound.
  void start();
  /// The bound port (after start).
  std::uint16_t port() const { return server_.port(); }
  /// The OPENROUTER_BASE_URL for this fake, e.g. http://127.0.0.1:PORT/api/v1.
  std::string base_url() const;
  /// Behaviour, counters and request log, for in-process tests.
  fake_state& state() { return state_; }
  /// The HTTP server (stop it before destroying the fake).
  common::http::server& server() { return server_; }

private:
  fake_options options_;
  fake_state state_;
  common::http::router routes_;
  common::http::server server_;
};

/// Server settings of the fake: generous body limit for long council prompts.
common::http::server_options server_options_for(const fake_options& options);

}  // namespace fake_openrouter
