// SQLSTATE classification: the few failure kinds callers act on.
#include "common/pg/error.hpp"

namespace common::pg {

error_kind kind_of_sqlstate(std::string_view sqlstate) {
  if (sqlstate == "23505") return error_kind::unique_violation;
  if (sqlstate == "23503") return error_kind::foreign_key_violation;
  if (sqlstate == "23514") return error_kind::check_violation;
  if (sqlstate == "40001" || sqlstate == "40P01") return error_kind::serialization_failure;
  if (sqlstate == "57014") return error_kind::timeout;
  // 57P01..57P03: the server is shutting down, crashed, or not yet accepting connections.
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") return error_kind::connection_lost;
  if (sqlstate.size() == 5 && sqlstate.starts_with("08")) return error_kind::connection_lost;
  if (sqlstate.size() == 5 && sqlstate.starts_with("22")) return error_kind::invalid_input;
  return error_kind::other;
}

}  // namespace common::pg
