// An owned group of child coroutines: no child outlives the coroutine that owns the group.
#pragma once
#include "common/core/asio.hpp"
#include <cstddef>
#include <exception>
#include <memory>

namespace common {

/// Child coroutines spawned by one owner. The owner ends with `co_await group.cancel_and_join()` (or
/// join()); the destructor cancels children still running, so none keeps working for an owner that is gone.
class task_group {
public:
  /// Children run on `ex`.
  explicit task_group(executor ex);
  ~task_group();
  task_group(const task_group&) = delete;
  task_group& operator=(const task_group&) = delete;

  /// Starts `child` now; it runs until it returns, throws or is cancelled.
  void spawn(awaitable<void> child);
  /// Waits until every child has finished; rethrows the first exception a child let escape.
  awaitable<void> join();
  /// Cancels every running child (its pending operation ends with operation_aborted) and waits until all
  /// have finished. Never throws what the children threw.
  awaitable<void> cancel_and_join();
  /// Cancels every running child now (its pending operation ends with operation_aborted); a join() under way
  /// returns once they have finished, without what they threw.
  void cancel();
  /// Children still running.
  std::size_t running() const;

private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace common
