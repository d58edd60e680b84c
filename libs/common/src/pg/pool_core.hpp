// Shared state of a pool: idle connections, the open count, waiting acquirers (internal to common_pg).
#pragma once
#include "connection.hpp"
#include <atomic>
#include <deque>
#include <list>
#include <memory>

namespace common::pg {

/// The bookkeeping behind pool; leases keep it alive so they can return their connection.
struct pool_core {
  pool_core(executor ex, pool_options options);

  /// Opens a connection, retrying refused attempts (a restarting server) until connect_timeout.
  awaitable<std::unique_ptr<connection>> connect();
  /// Suspends until give_back() or a failed connect frees something, or until `deadline`.
  awaitable<void> wait_for_release(clock::time_point deadline);
  /// Keeps a reusable connection idle, closes any other, and wakes one waiting acquirer.
  void give_back(std::unique_ptr<connection> conn);
  /// Wakes the longest-waiting acquirer, if any.
  void wake_one();

  executor ex;
  pool_options options;
  std::deque<std::unique_ptr<connection>> idle;
  // Counts read by pool::size()/idle() from any thread (metrics scrapes); everything else is the pool's thread.
  std::atomic<std::size_t> open = 0;  // idle + leased + connecting
  std::atomic<std::size_t> idle_count = 0;
  bool closed = false;

private:
  struct waiter;
  std::list<waiter*> waiters_;
};

/// A lease's connection and the pool it goes back to.
struct lease::state {
  std::shared_ptr<pool_core> owner;
  std::unique_ptr<connection> conn;
};

}  // namespace common::pg
