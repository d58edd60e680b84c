// Bounded least-recently-used cache of verified access tokens, keyed by the token's SHA-256.
#pragma once
#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace council::access {

/// What a verified token says.
struct verified_token {
  std::string user_id;
  long long exp = 0;  // unix seconds
};

/// At most `capacity` entries; the least recently used goes first; an entry is dropped once `now >= exp`.
class token_cache {
public:
  explicit token_cache(std::size_t capacity);
  /// The entry of `token_hash` if present and unexpired at `now` (unix seconds); marks it recently used.
  std::optional<verified_token> find(const std::string& token_hash, long long now);
  /// Adds or refreshes an entry, evicting the least recently used beyond capacity.
  void insert(const std::string& token_hash, verified_token token);
  /// Entries held.
  std::size_t size() const { return index_.size(); }

private:
  using entry = std::pair<std::string, verified_token>;
  std::size_t capacity_;
  std::list<entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<entry>::iterator> index_;
};

}  // namespace council::access
