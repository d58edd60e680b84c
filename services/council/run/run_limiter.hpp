// Per-user limit on concurrent council runs, counted in this process's memory.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace council::run {

/// Counts running runs per user; a slot is held for the whole run and released on destruction. Thread-safe:
/// one limiter serves every I/O thread.
class run_limiter {
  struct counts {
    std::mutex mutex;
    std::map<std::string, int, std::less<>> by_user;
  };

public:
  /// A held run slot; movable, releases once.
  class slot {
  public:
    slot(slot&& other) noexcept : counts_(std::move(other.counts_)), user_(std::move(other.user_)) {}
    slot& operator=(slot&&) = delete;
    slot(const slot&) = delete;
    ~slot();

  private:
    friend class run_limiter;
    slot(std::shared_ptr<counts> c, std::string user) : counts_(std::move(c)), user_(std::move(user)) {}
    std::shared_ptr<counts> counts_;
    std::string user_;
  };

  explicit run_limiter(int max_per_user);
  /// A slot for `user_id`, or nullopt when the user already runs the maximum.
  std::optional<slot> try_acquire(const std::string& user_id);
  /// Runs currently held by `user_id`.
  int active(const std::string& user_id) const;
  /// Runs currently held by everyone.
  int total() const;

private:
  int max_per_user_;
  std::shared_ptr<counts> counts_ = std::make_shared<counts>();
};

}  // namespace council::run
