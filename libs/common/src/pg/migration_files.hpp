// Reading and validating a directory of `NNNN_name.sql` migration files (internal to common_pg).
#pragma once
#include <string>
#include <vector>

namespace common::pg {

/// One migration file, with its content and SHA-256 (lowercase hex).
struct migration_file {
  int version = 0;
  std::string name;  // file name, e.g. 0001_init.sql
  std::string sql;
  std::string checksum;
};

/// The `.sql` files of `directory` ordered by version; throws std::runtime_error naming the file when
/// a name is not NNNN_name.sql or the numbers do not run 0001, 0002, ... without gaps or duplicates.
std::vector<migration_file> read_migration_files(const std::string& directory);

}  // namespace common::pg
