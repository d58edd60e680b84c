// The ZIP writer: CRC-32 check values, a round trip through the test reader, the MS-DOS stamp and limits
// (Info-ZIP's unzip checks a real export in tests/integration/council/export_test.cpp).
#include "common/core/zip_writer.hpp"
#include "support/zip_reader.hpp"
#include <catch2/catch.hpp>

namespace {

common::sys_time at(int year_offset_days) {
  // 2024-02-29T13:37:58Z plus whole days.
  return common::sys_time(std::chrono::seconds(1709213878) + std::chrono::hours(24) * year_offset_days);
}

}  // namespace

TEST_CASE("crc32 matches the published check values", "[unit][zip]") {
  CHECK(common::zip::crc32("") == 0u);
  CHECK(common::zip::crc32("123456789") == 0xCBF43926u);
  CHECK(common::zip::crc32("The quick brown fox jumps over the lazy dog") == 0x414FA339u);
  CHECK(common::zip::crc32(std::string(32, '\0')) == 0x190A55ADu);
  SECTION("continuing from a previous value equals one pass") {
    CHECK(common::zip::crc32("6789", common::zip::crc32("12345")) == 0xCBF43926u);
  }
}

TEST_CASE("zip_writer entries read back byte for byte, in order, with UTF-8 names", "[unit][zip]") {
  common::zip::zip_writer writer(at(0));
  std::string binary;
  for (int i = 0; i < 70000; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xff));
  writer.add("account.json", R"({"email":"a@example.com"})");
  writer.add("conversations/\xc3\xa9t\xc3\xa9.md", "# \xc3\xa9t\xc3\xa9\n");
  writer.add("empty.txt", "");
  writer.add("binary.bin", binary);
  std::string archive = writer.finish();

  auto entries = test_support::read_zip(archive);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].name == "account.json");
  CHECK(entries[0].data == R"({"email":"a@example.com"})");
  CHECK(entries[1].name == "conversations/\xc3\xa9t\xc3\xa9.md");
  CHECK(entries[2].data.empty());
  CHECK(entries[3].data == binary);
  for (const auto& e : entries) {
    CHECK(e.method == 0);
    CHECK((e.flags & (1 << 11)) != 0);
    CHECK(e.dos_date == ((2024 - 1980) << 9 | 2 << 5 | 29));
    CHECK(e.dos_time == (13 << 11 | 37 << 5 | 58 / 2));
  }
}

TEST_CASE("the test reader refuses a damaged archive", "[unit][zip]") {
  common::zip::zip_writer writer(at(0));
  writer.add("a.txt", "hello");
  std::string archive = writer.finish();
  REQUIRE(test_support::read_zip(archive).size() == 1);
  std::string flipped = archive;
  flipped[30 + 5] ^= 0x01;  // first byte of the data after the 30-byte header and the name "a.txt"
  CHECK_THROWS_AS(test_support::read_zip(flipped), test_support::zip_format_error);
  CHECK_THROWS_AS(test_support::read_zip(archive.substr(0, archive.size() - 1)), test_support::zip_format_error);
}

TEST_CASE("an empty archive is just the end record, and a finished writer starts over", "[unit][zip]") {
  common::zip::zip_writer writer(at(0));
  std::string empty = writer.finish();
  CHECK(empty.size() == 22);
  CHECK(test_support::read_zip(empty).empty());
  writer.add("again.txt", "x");
  CHECK(test_support::read_zip(writer.finish()).size() == 1);
}

TEST_CASE("zip_writer clamps dates outside the MS-DOS range and refuses nameless entries", "[unit][zip]") {
  common::zip::zip_writer early(common::sys_time(std::chrono::seconds(0)));
  early.add("old.txt", "x");
  CHECK(test_support::read_zip(early.finish()).front().dos_date >> 9 == 0);
  common::zip::zip_writer writer(at(0));
  CHECK_THROWS_AS(writer.add("", "x"), std::invalid_argument);
}
