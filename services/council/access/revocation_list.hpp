// Sessions the auth service has ended, as followed from its revocation feed; shared by every I/O thread.
#pragma once
#include "common/core/asio.hpp"
#include <atomic>
#include <cstddef>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace council::access {

/// Revoked session ids, each kept until every token of its session has expired, and when the feed was last
/// read. Thread-safe: one follower writes, every I/O thread's verifier reads (a shared lock per lookup).
class revocation_list {
public:
  /// A list that counts as current for `max_staleness` after each successful read of the feed.
  explicit revocation_list(common::clock::duration max_staleness);
  /// Marks `session_ids` revoked until `now + retain` (an id seen again keeps the later time) and forgets
  /// entries whose time has passed.
  void apply(const std::vector<std::string>& session_ids, common::clock::duration retain, common::clock::time_point now);
  /// Records a successful read of the feed at `now`.
  void mark_current(common::clock::time_point now);
  /// True when session `session_id` was revoked.
  bool revoked(std::string_view session_id) const;
  /// True when the feed was read successfully within max_staleness() before `now` (never before the first read).
  bool current(common::clock::time_point now) const;
  /// Time from the last successful read to `now`; nullopt before the first.
  std::optional<common::clock::duration> since_last_read(common::clock::time_point now) const;
  /// How long a successful read keeps the list current (REVOCATION_MAX_STALENESS).
  common::clock::duration max_staleness() const { return max_staleness_; }
  /// Revoked sessions held.
  std::size_t size() const;

private:
  common::clock::duration max_staleness_;
  std::atomic<common::clock::rep> last_read_;  // steady-clock ticks since its epoch; min(): never
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, common::clock::time_point> until_;
};

}  // namespace council::access
