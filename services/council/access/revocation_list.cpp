// The revoked-session set under a shared mutex (held for one lookup or one batch, never across I/O).
#include "council/access/revocation_list.hpp"
#include <limits>
#include <mutex>

namespace council::access {

revocation_list::revocation_list(common::clock::duration max_staleness)
    : max_staleness_(max_staleness), last_read_(std::numeric_limits<common::clock::rep>::min()) {}

void revocation_list::apply(const std::vector<std::string>& session_ids, common::clock::duration retain,
                            common::clock::time_point now) {
  const common::clock::time_point until = now + retain;
  std::unique_lock lock(mutex_);
  std::erase_if(until_, [now](const auto& entry) { return entry.second <= now; });
  for (const std::string& id : session_ids) {
    auto [it, inserted] = until_.try_emplace(id, until);
    if (!inserted && it->second < until) it->second = until;
  }
}

void revocation_list::mark_current(common::clock::time_point now) { last_read_.store(now.time_since_epoch().count()); }

bool revocation_list::revoked(std::string_view session_id) const {
  std::shared_lock lock(mutex_);
  return until_.find(std::string(session_id)) != until_.end();
}

std::optional<common::clock::duration> revocation_list::since_last_read(common::clock::time_point now) const {
  common::clock::rep last = last_read_.load();
  if (last == std::numeric_limits<common::clock::rep>::min()) return std::nullopt;
  return now - common::clock::time_point(common::clock::duration(last));
}

bool revocation_list::current(common::clock::time_point now) const {
  std::optional<common::clock::duration> since = since_last_read(now);
  return since && *since <= max_staleness_;
}

std::size_t revocation_list::size() const {
  std::shared_lock lock(mutex_);
  return until_.size();
}

}  // namespace council::access
