// Answers of earlier lookups, shared by every thread of the process, each kept for its TTL (capped).
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/ip/address.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace common::http {

/// Thread-safe (one mutex, held only for a lookup or an insert). At most `max_entries` names.
class dns_cache {
public:
  explicit dns_cache(std::size_t max_entries = 1024) : max_entries_(max_entries) {}

  /// The cached addresses of `host` while its entry has not expired.
  std::optional<std::vector<boost::asio::ip::address>> find(const std::string& host);
  /// Keeps `addresses` for `ttl`; nothing is kept when `ttl` is zero. Expired entries are dropped when full,
  /// then the entry closest to expiry.
  void store(const std::string& host, std::vector<boost::asio::ip::address> addresses, clock::duration ttl);
  /// Forgets everything.
  void clear();

private:
  struct entry {
    std::vector<boost::asio::ip::address> addresses;
    clock::time_point expires;
  };

  std::size_t max_entries_;
  std::mutex mutex_;
  std::map<std::string, entry, std::less<>> entries_;
};

}  // namespace common::http
