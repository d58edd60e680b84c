// PostgreSQL failures mapped from SQLSTATE to a small set of kinds.
#pragma once
#include <stdexcept>
#include <string>

namespace common::pg {

/// What kind of failure a statement met.
enum class error_kind { unique_violation, foreign_key_violation, check_violation, serialization_failure, invalid_input, connection_lost, timeout, pool_exhausted, other };

/// Thrown by every pg operation. what() holds the server's message (never parameters).
struct error : std::runtime_error {
  error(error_kind k, std::string sqlstate, const std::string& message)
      : std::runtime_error(message), kind(k), sqlstate(std::move(sqlstate)) {}
  error_kind kind;
  std::string sqlstate;
};

/// Maps a SQLSTATE code to its kind (08xxx connection_lost, 23505 unique_violation, 40001/40P01 serialization_failure...).
error_kind kind_of_sqlstate(std::string_view sqlstate);

}  // namespace common::pg
