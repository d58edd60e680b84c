// kind_of_sqlstate: the SQLSTATE codes callers act on map to their kinds; everything else is `other`.
#include "common/pg/error.hpp"
#include <catch2/catch.hpp>

using common::pg::error_kind;
using common::pg::kind_of_sqlstate;

TEST_CASE("SQLSTATE codes map to error kinds", "[pg]") {
  CHECK(kind_of_sqlstate("23505") == error_kind::unique_violation);
  CHECK(kind_of_sqlstate("23503") == error_kind::foreign_key_violation);
  CHECK(kind_of_sqlstate("23514") == error_kind::check_violation);
  CHECK(kind_of_sqlstate("40001") == error_kind::serialization_failure);
  CHECK(kind_of_sqlstate("40P01") == error_kind::serialization_failure);
  CHECK(kind_of_sqlstate("57014") == error_kind::timeout);
  CHECK(kind_of_sqlstate("08000") == error_kind::connection_lost);
  CHECK(kind_of_sqlstate("08006") == error_kind::connection_lost);
  CHECK(kind_of_sqlstate("08P01") == error_kind::connection_lost);
  CHECK(kind_of_sqlstate("57P01") == error_kind::connection_lost);
  CHECK(kind_of_sqlstate("22P02") == error_kind::invalid_input);
  CHECK(kind_of_sqlstate("22001") == error_kind::invalid_input);
  CHECK(kind_of_sqlstate("22012") == error_kind::invalid_input);
}

TEST_CASE("other and malformed SQLSTATE codes map to other", "[pg]") {
  CHECK(kind_of_sqlstate("23502") == error_kind::other);  // not_null_violation
  CHECK(kind_of_sqlstate("42P01") == error_kind::other);  // undefined_table
  CHECK(kind_of_sqlstate("40002") == error_kind::other);
  CHECK(kind_of_sqlstate("") == error_kind::other);
  CHECK(kind_of_sqlstate("08") == error_kind::other);
  CHECK(kind_of_sqlstate("2250") == error_kind::other);
}

TEST_CASE("pg::error carries kind, SQLSTATE and message", "[pg]") {
  common::pg::error e(error_kind::unique_violation, "23505", "duplicate key value violates unique constraint \"u\"");
  CHECK(e.kind == error_kind::unique_violation);
  CHECK(e.sqlstate == "23505");
  CHECK(std::string(e.what()) == "duplicate key value violates unique constraint \"u\"");
}
