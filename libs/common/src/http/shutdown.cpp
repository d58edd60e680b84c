// Signals and shutdown: the first SIGTERM/SIGINT stops every server gracefully, a second one exits at once.
#include "common/http/server.hpp"
#include "common/core/log.hpp"
#include "server_failure_log.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>

namespace common::http {
namespace {

using boost::system::error_code;

auto on_error(error_code& ec) { return asio::redirect_error(use_awaitable, ec); }

awaitable<void> stop_on_signal(asio::io_context& io, asio::signal_set& signals, std::vector<server*> servers,
                               clock::duration grace) {
  error_code ec;
  const int signal = co_await signals.async_wait(on_error(ec));
  if (ec) co_return;
  log::info("shutting down", {{"signal", signal}, {"grace_ms", std::chrono::duration_cast<milliseconds>(grace).count()}});
  auto remaining = std::make_shared<std::size_t>(servers.size());
  if (servers.empty()) io.stop();
  for (server* s : servers) {
    asio::co_spawn(io, s->stop(grace), [remaining, &io](std::exception_ptr) {
      if (--*remaining == 0) io.stop();
    });
  }
  co_await signals.async_wait(on_error(ec));
  if (ec) co_return;
  log::warn("second signal: exiting at once");
  io.stop();
}

}  // namespace

void run_until_signal(asio::io_context& io, std::vector<server*> servers, clock::duration grace) {
  asio::signal_set signals(io, SIGTERM, SIGINT);
  asio::co_spawn(io, stop_on_signal(io, signals, std::move(servers), grace), [](std::exception_ptr failure) {
    if (failure) log_failure("signal handling failed", failure, {});
  });
  io.run();
}

}  // namespace common::http
