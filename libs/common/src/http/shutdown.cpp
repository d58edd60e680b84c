// Signals and shutdown: the first SIGTERM/SIGINT stops every server gracefully (each on its own thread), a second
// one exits at once; SIGHUP makes the TLS contexts look at their certificate files at once.
#include "common/http/server.hpp"
#include "common/core/log.hpp"
#include "server_failure_log.hpp"
#include "tls_reload.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <atomic>
#include <csignal>
#include <functional>

namespace common::http {
namespace {

using boost::system::error_code;

auto on_error(error_code& ec) { return asio::redirect_error(use_awaitable, ec); }

// Waits for a signal, stops each server on its own executor, and calls `halt` (thread-safe) once all stopped.
awaitable<void> stop_on_signal(asio::signal_set& signals, std::vector<server*> servers, clock::duration grace,
                               std::function<void()> halt) {
  error_code ec;
  const int signal = co_await signals.async_wait(on_error(ec));
  if (ec) co_return;
  log::info("shutting down", {{"signal", signal}, {"grace_ms", std::chrono::duration_cast<milliseconds>(grace).count()}});
  auto remaining = std::make_shared<std::atomic<std::size_t>>(servers.size());
  if (servers.empty()) halt();
  for (server* s : servers) {
    asio::co_spawn(s->get_executor(), s->stop(grace), [remaining, halt](std::exception_ptr) {
      if (--*remaining == 0) halt();
    });
  }
  co_await signals.async_wait(on_error(ec));
  if (ec) co_return;
  log::warn("second signal: exiting at once");
  halt();
}

void watch_signals(asio::io_context& io, asio::signal_set& signals, std::vector<server*> servers,
                   clock::duration grace, std::function<void()> halt) {
  asio::co_spawn(io, stop_on_signal(signals, std::move(servers), grace, std::move(halt)),
                 [](std::exception_ptr failure) {
                   if (failure) log_failure("signal handling failed", failure, {});
                 });
}

// On every SIGHUP: request_tls_reload(), until the signal set is cancelled.
awaitable<void> reload_on_hangup(asio::signal_set& hangups) {
  for (;;) {
    error_code ec;
    co_await hangups.async_wait(on_error(ec));
    if (ec) co_return;
    log::info("SIGHUP: looking for new TLS certificate files");
    request_tls_reload();
  }
}

void watch_hangups(asio::io_context& io, asio::signal_set& hangups) {
  asio::co_spawn(io, reload_on_hangup(hangups), [](std::exception_ptr failure) {
    if (failure) log_failure("SIGHUP handling failed", failure, {});
  });
}

}  // namespace

void run_until_signal(asio::io_context& io, std::vector<server*> servers, clock::duration grace) {
  asio::signal_set signals(io, SIGTERM, SIGINT);
  asio::signal_set hangups(io, SIGHUP);
  watch_signals(io, signals, std::move(servers), grace, [&io] { io.stop(); });
  watch_hangups(io, hangups);
  io.run();
}

void run_until_signal(io_threads& threads, std::vector<server*> servers, clock::duration grace) {
  asio::signal_set signals(threads.context(0), SIGTERM, SIGINT);
  asio::signal_set hangups(threads.context(0), SIGHUP);
  watch_signals(threads.context(0), signals, std::move(servers), grace, [&threads] { threads.stop(); });
  watch_hangups(threads.context(0), hangups);
  threads.run();
}

}  // namespace common::http
