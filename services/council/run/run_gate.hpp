// Process-wide cap on council runs executing at once (COUNCIL_MAX_ACTIVE_RUNS): the others wait their turn.
#pragma once
#include "common/core/asio.hpp"
#include <cstddef>
#include <memory>

namespace council::run {

/// Lets at most `limit` runs execute at once across every I/O thread; the others wait in arrival order. Bounds the
/// memory of the process by configuration (docs/performance.md, "Memory per run"). Thread-safe.
class run_gate {
  struct state;

public:
  /// The right to execute, held for a run's whole execution; movable, released once (on destruction), which lets
  /// the next waiting run in.
  class pass {
  public:
    pass(pass&& other) noexcept : state_(std::move(other.state_)) {}
    pass& operator=(pass&&) = delete;
    pass(const pass&) = delete;
    ~pass();

  private:
    friend class run_gate;
    explicit pass(std::shared_ptr<state> s) : state_(std::move(s)) {}
    std::shared_ptr<state> state_;
  };

  /// A gate letting `limit` (at least 1) runs execute at once.
  explicit run_gate(std::size_t limit);
  /// Waits until this caller's turn comes (first come, first served), then returns its pass. Throws
  /// operation_aborted, and leaves the queue, when the calling coroutine is cancelled while it waits.
  common::awaitable<pass> enter();
  /// Runs holding a pass now.
  std::size_t executing() const;
  /// Runs waiting for their turn now.
  std::size_t waiting() const;

private:
  std::shared_ptr<state> state_;
};

}  // namespace council::run
