// In-memory event log of one run: the run appends, any number of readers follow without blocking it.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <string>
#include <vector>

namespace council::run {

/// Events of one run (serialized JSON frames) in order, event i having sequence number first_seq() + i.
/// Single-threaded (io_context thread). The writer never waits for readers, so a slow or vanished client (or the
/// database writer, which is one more reader) cannot stall the run.
class run_channel {
public:
  /// A channel whose first event gets sequence number `first_seq` (1 for a new run).
  explicit run_channel(int first_seq = 1) : first_seq_(first_seq) {}
  /// Appends one event and wakes every waiting reader: the one path every event of a run takes.
  void publish(std::string event_json);
  /// Marks the end of the run (no more events) and wakes every waiting reader.
  void close();
  /// Waits until an event with index >= `next` exists, the channel is closed, or `timeout` passes.
  /// Returns true when there is something new to read (an event or the close).
  common::awaitable<bool> wait(std::size_t next, common::clock::duration timeout);
  /// Events so far; each stays where it is (a reference or view of one is valid while the channel lives).
  const std::deque<std::string>& events() const { return events_; }
  /// The sequence number of event `index`.
  int seq_of(std::size_t index) const { return first_seq_ + static_cast<int>(index); }
  /// True once closed.
  bool closed() const { return closed_; }

private:
  void wake();
  int first_seq_;
  std::deque<std::string> events_;
  bool closed_ = false;
  std::vector<boost::asio::steady_timer*> waiters_;
};

}  // namespace council::run
