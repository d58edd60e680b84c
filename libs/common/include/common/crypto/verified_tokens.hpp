// Bounded least-recently-used cache of verified access tokens, keyed by the token's SHA-256; thread-safe.
#pragma once
#include "common/crypto/jwt.hpp"
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace common::jwt {

/// At most `capacity` tokens; the least recently used goes first; a token is dropped once `now >= exp`.
/// It only spares a repeated signature check: whatever else a token needs (a live session) is still checked.
class verified_tokens {
public:
  explicit verified_tokens(std::size_t capacity);
  /// The claims of `token` if it was inserted and is unexpired at `now` (unix seconds); marks it recently used.
  std::optional<claims> find(std::string_view token, long long now);
  /// Remembers the verified claims of `token`, evicting the least recently used beyond capacity.
  void insert(std::string_view token, claims verified);
  /// Tokens held.
  std::size_t size() const;

private:
  using entry = std::pair<std::string, claims>;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::list<entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<entry>::iterator> index_;
};

}  // namespace common::jwt
