// Idle keep-alive connections of the HTTP client, per origin: LIFO reuse, idle expiry, a cap per origin.
#pragma once
#include "common/core/asio.hpp"
#include <cstddef>
#include <iterator>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace common::http {

/// Holds idle connections keyed by origin. Not thread-safe (one io_context thread).
template <typename Connection>
class client_pool {
public:
  client_pool(std::size_t max_idle_per_origin, clock::duration idle_timeout)
      : max_idle_(max_idle_per_origin), idle_timeout_(idle_timeout) {}

  /// The most recently returned connection of `origin` that is not expired and passes `usable`, else null.
  /// Expired and unusable connections met on the way are closed (destroyed).
  template <typename Usable>
  std::unique_ptr<Connection> take(const std::string& origin, Usable usable) {
    auto found = idle_.find(origin);
    if (found == idle_.end()) return nullptr;
    auto& stack = found->second;
    drop_expired(stack);
    std::unique_ptr<Connection> result;
    while (!stack.empty() && !result) {
      std::unique_ptr<Connection> candidate = std::move(stack.back().connection);
      stack.pop_back();
      if (usable(*candidate)) result = std::move(candidate);
    }
    if (stack.empty()) idle_.erase(found);
    return result;
  }

  /// Keeps `connection` idle for `origin`; the oldest idle one is closed when the cap is reached.
  void put(const std::string& origin, std::unique_ptr<Connection> connection) {
    if (max_idle_ == 0) return;
    auto& stack = idle_[origin];
    drop_expired(stack);
    if (stack.size() >= max_idle_) stack.erase(stack.begin());
    stack.push_back(entry{std::move(connection), clock::now()});
  }

  /// Closes every connection, of any origin, idle longer than the idle timeout.
  void sweep() {
    for (auto it = idle_.begin(); it != idle_.end();) {
      drop_expired(it->second);
      it = it->second.empty() ? idle_.erase(it) : std::next(it);
    }
  }

  /// Idle connections currently kept for `origin`.
  std::size_t idle_count(const std::string& origin) const {
    auto found = idle_.find(origin);
    return found == idle_.end() ? 0 : found->second.size();
  }

private:
  struct entry {
    std::unique_ptr<Connection> connection;
    clock::time_point idle_since;
  };

  void drop_expired(std::vector<entry>& stack) const {
    const auto limit = clock::now() - idle_timeout_;
    std::size_t fresh = 0;
    while (fresh < stack.size() && stack[fresh].idle_since < limit) ++fresh;
    stack.erase(stack.begin(), stack.begin() + static_cast<std::ptrdiff_t>(fresh));
  }

  std::size_t max_idle_;
  clock::duration idle_timeout_;
  std::unordered_map<std::string, std::vector<entry>> idle_;
};

}  // namespace common::http
