// A fresh, uniquely named database on the throwaway cluster, with the roles and schemas of deploy/sql/bootstrap.sql.
#pragma once
#include <string>

namespace test_support {

/// Creates the database on construction and drops it (forcing disconnects) on destruction.
class scratch_database {
public:
  scratch_database();
  ~scratch_database();
  scratch_database(const scratch_database&) = delete;
  scratch_database& operator=(const scratch_database&) = delete;

  /// Database name (council_test_<random>).
  const std::string& name() const { return name_; }
  /// Admin (superuser) URL of this database.
  std::string admin_url() const;
  /// URL connecting as `role` (auth_service or council_service) to this database.
  std::string url_as(const std::string& role) const;
  /// Runs SQL as the admin through psql; throws std::runtime_error with psql's output on failure.
  std::string psql(const std::string& sql) const;

private:
  std::string name_;
};

}  // namespace test_support
