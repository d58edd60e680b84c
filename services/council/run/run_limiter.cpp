// In-memory per-user run counting under one mutex (one process, every I/O thread; replicas each apply the limit
// separately).
#include "council/run/run_limiter.hpp"

namespace council::run {

run_limiter::slot::~slot() {
  if (!counts_) return;
  std::lock_guard lock(counts_->mutex);
  auto it = counts_->by_user.find(user_);
  if (it != counts_->by_user.end() && --it->second <= 0) counts_->by_user.erase(it);
  if (!run_id_.empty()) counts_->run_ids.erase(run_id_);
}

run_limiter::run_limiter(int max_per_user) : max_per_user_(max_per_user) {}

std::optional<run_limiter::slot> run_limiter::try_acquire(const std::string& user_id, std::string run_id) {
  std::lock_guard lock(counts_->mutex);
  int& n = counts_->by_user[user_id];
  if (n >= max_per_user_) return std::nullopt;
  ++n;
  if (!run_id.empty()) counts_->run_ids.insert(run_id);
  return slot(counts_, user_id, std::move(run_id));
}

int run_limiter::active(const std::string& user_id) const {
  std::lock_guard lock(counts_->mutex);
  auto it = counts_->by_user.find(user_id);
  return it == counts_->by_user.end() ? 0 : it->second;
}

int run_limiter::total() const {
  std::lock_guard lock(counts_->mutex);
  int n = 0;
  for (const auto& [user, count] : counts_->by_user) n += count;
  return n;
}

std::vector<std::string> run_limiter::running_runs() const {
  std::lock_guard lock(counts_->mutex);
  return {counts_->run_ids.begin(), counts_->run_ids.end()};
}

}  // namespace council::run
