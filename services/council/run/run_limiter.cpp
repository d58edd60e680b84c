// In-memory per-user run counting (one process; replicas each apply the limit separately).
#include "council/run/run_limiter.hpp"

namespace council::run {

run_limiter::slot::~slot() {
  if (!counts_) return;
  auto it = counts_->find(user_);
  if (it != counts_->end() && --it->second <= 0) counts_->erase(it);
}

run_limiter::run_limiter(int max_per_user) : max_per_user_(max_per_user) {}

std::optional<run_limiter::slot> run_limiter::try_acquire(const std::string& user_id) {
  int& n = (*counts_)[user_id];
  if (n >= max_per_user_) return std::nullopt;
  ++n;
  return slot(counts_, user_id);
}

int run_limiter::active(const std::string& user_id) const {
  auto it = counts_->find(user_id);
  return it == counts_->end() ? 0 : it->second;
}

int run_limiter::total() const {
  int n = 0;
  for (const auto& [user, count] : *counts_) n += count;
  return n;
}

}  // namespace council::run
