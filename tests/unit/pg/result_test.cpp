// pg::result accessors over a hand-built PGresult (no server), and bytea hex encoding of parameters.
#include "common/pg/result.hpp"
#include <catch2/catch.hpp>
#include <cstring>
#include <libpq-fe.h>

namespace {

// A one-row result with columns id, note (NULL), data (bytea hex), flag, word.
common::pg::result sample(const char* data_hex) {
  PGresult* res = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
  const char* names[] = {"id", "note", "data", "flag", "Word"};
  PGresAttDesc attrs[5] = {};
  for (int i = 0; i < 5; ++i) attrs[i].name = const_cast<char*>(names[i]);
  REQUIRE(PQsetResultAttrs(res, 5, attrs) == 1);
  const char* values[] = {"-42", nullptr, data_hex, "t", "12abc"};
  for (int i = 0; i < 5; ++i) {
    int len = values[i] ? static_cast<int>(std::strlen(values[i])) : -1;
    REQUIRE(PQsetvalue(res, 0, i, const_cast<char*>(values[i]), len) == 1);
  }
  return common::pg::result(res);
}

}  // namespace

TEST_CASE("bytea_param encodes bytes as lowercase \\x hex", "[pg]") {
  CHECK(common::pg::bytea_param("") == "\\x");
  CHECK(common::pg::bytea_param(std::string("\x00\x01\x7f\x80\xff", 5)) == "\\x00017f80ff");
  CHECK(common::pg::bytea_param("AZ") == "\\x415a");
}

TEST_CASE("bytea round trip: encoded parameter decodes back through result::bytes", "[pg]") {
  std::string raw;
  for (int i = 0; i < 256; ++i) raw.push_back(static_cast<char>(i));
  std::string encoded = common::pg::bytea_param(raw);
  common::pg::result r = sample(encoded.c_str());
  CHECK(r.bytes(0, 2) == raw);
  CHECK(sample("\\xDEADbeef").bytes(0, 2) == std::string("\xde\xad\xbe\xef", 4));
  CHECK(sample("\\x").bytes(0, 2).empty());
}

TEST_CASE("result::bytes refuses text that is not hex bytea", "[pg]") {
  CHECK_THROWS_AS(sample("abc").bytes(0, 2), std::runtime_error);
  CHECK_THROWS_AS(sample("\\x0").bytes(0, 2), std::runtime_error);
  CHECK_THROWS_AS(sample("\\xzz").bytes(0, 2), std::runtime_error);
}

TEST_CASE("result accessors read text-format fields", "[pg]") {
  common::pg::result r = sample("\\x00");
  CHECK(r.size() == 1);
  CHECK_FALSE(r.empty());
  CHECK(r.integer(0, 0) == -42);
  CHECK(r.text(0, 0) == "-42");
  CHECK(r.is_null(0, 1));
  CHECK(r.text(0, 1).empty());
  CHECK_FALSE(r.opt_text(0, 1).has_value());
  CHECK(r.opt_text(0, 0) == std::optional<std::string>("-42"));
  CHECK(r.boolean(0, 3));
  CHECK(r.bytes(0, 1).empty());
  CHECK(r.column("flag") == 3);
  CHECK(r.column("Word") == 4);
  CHECK_THROWS_AS(r.column("word"), std::out_of_range);
  CHECK_THROWS_AS(r.column("missing"), std::out_of_range);
  CHECK_THROWS_AS(r.integer(0, 4), std::runtime_error);
  CHECK_THROWS_AS(r.integer(0, 1), std::runtime_error);
  CHECK_THROWS_AS(r.boolean(0, 0), std::runtime_error);
  CHECK_THROWS_AS(r.text(1, 0), std::out_of_range);
  CHECK_THROWS_AS(r.text(0, 5), std::out_of_range);
}

TEST_CASE("an empty result has no rows", "[pg]") {
  common::pg::result none;
  CHECK(none.size() == 0);
  CHECK(none.empty());
  CHECK(none.affected() == 0);
  CHECK_THROWS_AS(none.text(0, 0), std::out_of_range);
}
