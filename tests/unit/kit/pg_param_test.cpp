// Typed parameters carry their PostgreSQL type and text form; plain strings stay untyped.
#include "common/pg/param.hpp"
#include <catch2/catch.hpp>

namespace pg = common::pg;

TEST_CASE("typed parameter factories set type, value, NULL and format", "[kit][pg]") {
  CHECK(pg::int8(-42).type == pg::type_oid::int8);
  CHECK(pg::int8(-42).value == "-42");
  CHECK_FALSE(pg::int8(std::optional<long long>()).value.has_value());
  CHECK(pg::boolean(true).value == "t");
  CHECK(pg::boolean(std::optional<bool>(false)).value == "f");
  CHECK(pg::uuid("0b5a3d4e-1111-4222-8333-944455556666").type == pg::type_oid::uuid);
  CHECK(pg::text(std::optional<std::string>()).type == pg::type_oid::text);
  CHECK_FALSE(pg::text(std::optional<std::string>()).value.has_value());
  CHECK(pg::float8(0.5).value == "0.5");
  std::string raw("\x00\xff", 2);
  auto bytes = pg::bytea(raw);
  CHECK(bytes.binary);
  CHECK(bytes.value == raw);
  CHECK(pg::timestamptz(common::sys_time(std::chrono::microseconds(1'500'000))).value == "1970-01-01T00:00:01.500000Z");
  pg::params untyped{"x", std::nullopt, std::string("y")};
  CHECK(untyped[0].type == pg::type_oid::unknown);
  CHECK_FALSE(untyped[1].value.has_value());
  CHECK_FALSE(untyped[2].binary);
}

TEST_CASE("text and jsonb parameters carry U+FFFD where the value had U+0000", "[kit][pg]") {
  CHECK(pg::text(std::string("a\0b\0", 4)).value == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  CHECK(pg::text(std::optional<std::string>(std::string("\0", 1))).value == "\xEF\xBF\xBD");
  CHECK(pg::text("plain").value == "plain");
  CHECK(pg::jsonb(R"({"a":"x\u0000y","b":"\u0000"})").value == R"({"a":"x\ufffdy","b":"\ufffd"})");
  CHECK(pg::jsonb(R"({"a":"\\u0000","b":"\\\u0000"})").value == R"({"a":"\\u0000","b":"\\\ufffd"})");
  CHECK(pg::jsonb(R"(["\u00001"])").value == R"(["\ufffd1"])");
}
