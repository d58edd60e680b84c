// LRU bookkeeping of the verified-token cache.
#include "council/access/token_cache.hpp"

namespace council::access {

token_cache::token_cache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<verified_token> token_cache::find(const std::string& token_hash, long long now) {
  auto it = index_.find(token_hash);
  if (it == index_.end()) return std::nullopt;
  if (now >= it->second->second.exp) {
    order_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void token_cache::insert(const std::string& token_hash, verified_token token) {
  if (auto it = index_.find(token_hash); it != index_.end()) {
    it->second->second = std::move(token);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(token_hash, std::move(token));
  index_.emplace(token_hash, order_.begin());
  while (index_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

}  // namespace council::access
