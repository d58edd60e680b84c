// LRU bookkeeping of the verified-token cache under one mutex (held for a lookup, never across I/O).
#include "common/crypto/verified_tokens.hpp"
#include "common/crypto/hash.hpp"

namespace common::jwt {

verified_tokens::verified_tokens(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::optional<claims> verified_tokens::find(std::string_view token, long long now) {
  const std::string key = crypto::sha256(token);
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  if (now >= it->second->second.exp) {
    order_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void verified_tokens::insert(std::string_view token, claims verified) {
  std::string key = crypto::sha256(token);
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    it->second->second = std::move(verified);
    order_.splice(order_.begin(), order_, it->second);
    return;
  }
  order_.emplace_front(key, std::move(verified));
  index_.emplace(std::move(key), order_.begin());
  while (index_.size() > capacity_) {
    index_.erase(order_.back().first);
    order_.pop_back();
  }
}

std::size_t verified_tokens::size() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

}  // namespace common::jwt
