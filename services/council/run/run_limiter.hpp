// Per-user limit on concurrent council runs, counted in this process's memory.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace council::run {

/// Counts running runs per user; a slot is held for the whole run and released on destruction. Thread-safe:
/// one limiter serves every I/O thread.
class run_limiter {
  struct counts {
    std::mutex mutex;
    std::map<std::string, int, std::less<>> by_user;
    std::set<std::string, std::less<>> run_ids;
  };

public:
  /// A held run slot; movable, releases once.
  class slot {
  public:
    slot(slot&& other) noexcept
        : counts_(std::move(other.counts_)), user_(std::move(other.user_)), run_id_(std::move(other.run_id_)) {}
    slot& operator=(slot&&) = delete;
    slot(const slot&) = delete;
    ~slot();

  private:
    friend class run_limiter;
    slot(std::shared_ptr<counts> c, std::string user, std::string run_id)
        : counts_(std::move(c)), user_(std::move(user)), run_id_(std::move(run_id)) {}
    std::shared_ptr<counts> counts_;
    std::string user_;
    std::string run_id_;
  };

  explicit run_limiter(int max_per_user);
  /// A slot for `user_id` (for run `run_id` when given), or nullopt when the user already runs the maximum.
  std::optional<slot> try_acquire(const std::string& user_id, std::string run_id = {});
  /// Runs currently held by `user_id`.
  int active(const std::string& user_id) const;
  /// Runs currently held by everyone.
  int total() const;
  /// The ids of the runs whose slots are held now (runs this process has not finished).
  std::vector<std::string> running_runs() const;

private:
  int max_per_user_;
  std::shared_ptr<counts> counts_ = std::make_shared<counts>();
};

}  // namespace council::run
