// TTL-bounded cache of resolved addresses.
#include "dns_cache.hpp"
#include <algorithm>

namespace common::http {

std::optional<std::vector<boost::asio::ip::address>> dns_cache::find(const std::string& host) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(host);
  if (found == entries_.end()) return std::nullopt;
  if (found->second.expires <= clock::now()) {
    entries_.erase(found);
    return std::nullopt;
  }
  return found->second.addresses;
}

void dns_cache::store(const std::string& host, std::vector<boost::asio::ip::address> addresses, clock::duration ttl) {
  if (ttl <= clock::duration::zero() || addresses.empty() || max_entries_ == 0) return;
  const auto now = clock::now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_ && !entries_.contains(host)) {
    std::erase_if(entries_, [now](const auto& item) { return item.second.expires <= now; });
    if (entries_.size() >= max_entries_) {
      auto soonest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
        return a.second.expires < b.second.expires;
      });
      entries_.erase(soonest);
    }
  }
  entries_[host] = entry{std::move(addresses), now + ttl};
}

void dns_cache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace common::http
