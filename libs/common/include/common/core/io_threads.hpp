// The I/O threads of a service: one io_context per thread, each run by its own thread, so that everything a
// connection, a libpq socket or a per-thread cache touches stays on one thread (docs/architecture.md, "Threads").
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/executor_work_guard.hpp>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

namespace common {

/// `size()` io_contexts; run() drives context 0 on the calling thread and each other one on a thread of its own.
class io_threads {
public:
  /// At least one context; each keeps running (even with nothing to do) until stop().
  explicit io_threads(std::size_t count);
  /// Stops every context and joins the threads.
  ~io_threads();
  io_threads(const io_threads&) = delete;
  io_threads& operator=(const io_threads&) = delete;

  /// Number of contexts (and threads while running).
  std::size_t size() const { return contexts_.size(); }
  /// Context `i` (0 <= i < size()); objects bound to it may only be used on its thread once run() started.
  asio::io_context& context(std::size_t i) { return *contexts_.at(i); }
  /// Runs every context until stop(), then joins the other threads and returns.
  void run();
  /// Lets every context finish: run() returns once each has stopped. Thread-safe.
  void stop();

private:
  using work_guard = asio::executor_work_guard<asio::io_context::executor_type>;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<work_guard> work_;
  std::vector<std::thread> threads_;
};

/// IO_THREADS from the environment: how many I/O threads a service runs (1..64; default: the hardware threads).
/// Throws common::config::config_error naming the variable when it is invalid.
std::size_t io_threads_from_env();

}  // namespace common
