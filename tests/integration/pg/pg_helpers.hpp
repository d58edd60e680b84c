// Shared pieces of the pg integration tests: pool options for a scratch database, temporary directories.
#pragma once
#include "common/pg/pool.hpp"
#include "support/database.hpp"
#include <string>

namespace pg_test {

/// Pool options connecting to `db` (as `role`, or as the administrator when empty) with short timeouts.
common::pg::pool_options options_for(const test_support::scratch_database& db, const std::string& role = "");

/// A fresh directory under /tmp, removed with its contents on destruction.
class temp_dir {
public:
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  /// Writes (or overwrites) `name` in the directory.
  void write(const std::string& name, const std::string& content) const;
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

}  // namespace pg_test
