// Per-thread meeting point of runs and notifications: the runs this thread executes (so a cancel request can reach
// them) and the readers waiting for new events of any run (docs/architecture.md, "A council run, end to end").
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/listener.hpp"
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace council::run {

/// A reader's interest in one run's new events; created before reading them, so no notification is missed.
class event_watch {
public:
  /// Waits until a notification about the run arrived since the previous wait, or `timeout` passes; true when one
  /// arrived.
  common::awaitable<bool> wait(common::clock::duration timeout);

private:
  friend class run_hub;
  void wake();
  int pending_ = 0;
  boost::asio::steady_timer* waiter_ = nullptr;
};

/// One per I/O thread, used only on that thread; the thread's LISTEN connection feeds it.
class run_hub {
public:
  /// Registers a run executing on this thread: `cancel` is called when a cancel request for `run_id` arrives.
  void add_run(const std::string& run_id, std::function<void()> cancel);
  /// Unregisters a run that ended.
  void remove_run(const std::string& run_id);
  /// Watches `run_id`'s new events until the returned watch is destroyed.
  std::shared_ptr<event_watch> watch(const std::string& run_id);
  /// Dispatches one notification of the run-events or run-cancel channel (others are ignored).
  void dispatch(const common::pg::notification& n);
  /// Runs registered now.
  std::size_t runs() const { return runs_.size(); }

private:
  std::map<std::string, std::function<void()>, std::less<>> runs_;
  std::multimap<std::string, std::weak_ptr<event_watch>, std::less<>> watches_;
};

}  // namespace council::run
