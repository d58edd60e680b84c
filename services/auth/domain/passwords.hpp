// bcrypt ($2b$) password hashing through libxcrypt, run on a worker pool so the I/O thread never blocks.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/thread_pool.hpp>
#include <string>
#include <string_view>

namespace auth::domain {

/// Hashes `password` with a fresh `$2b$<cost>$` salt (blocking, CPU-heavy); throws on libxcrypt failure.
std::string bcrypt_hash(std::string_view password, int cost);
/// True when `password` matches `stored` (blocking, CPU-heavy); false for malformed hashes and for
/// passwords bcrypt would truncate (over 72 bytes or containing NUL).
bool bcrypt_verify(std::string_view password, std::string_view stored);

/// Hashes and verifies passwords on its own thread pool; results resume on the caller's executor. Destroy it
/// before the callers' io_context: its threads hold work on that context until they are joined.
class password_hasher {
public:
  /// `cost` is the bcrypt cost (10..14), `threads` the size of the worker pool.
  password_hasher(int cost, int threads);
  ~password_hasher();
  password_hasher(const password_hasher&) = delete;
  password_hasher& operator=(const password_hasher&) = delete;

  /// A new bcrypt hash of `password`.
  common::awaitable<std::string> hash(std::string password);
  /// True when `password` matches `stored`.
  common::awaitable<bool> verify(std::string password, std::string stored);
  /// Spends the time of one verify at the configured cost and returns false (unknown accounts).
  common::awaitable<bool> verify_dummy(std::string password);

private:
  boost::asio::thread_pool pool_;
  int cost_;
  std::string dummy_setting_;
};

}  // namespace auth::domain
