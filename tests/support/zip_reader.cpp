// Parses ZIP structures (APPNOTE 6.3 sections 4.3.7, 4.3.12, 4.3.16) field by field, checking each against the other.
#include "support/zip_reader.hpp"
#include "common/core/zip_writer.hpp"

namespace test_support {
namespace {

/// Little-endian fields at fixed offsets of `bytes`, each read refusing to leave the buffer.
struct cursor {
  std::string_view bytes;

  std::uint32_t u16(std::size_t at) const {
    need(at, 2);
    return static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8;
  }
  std::uint32_t u32(std::size_t at) const { return u16(at) | u16(at + 2) << 16; }
  std::string_view slice(std::size_t at, std::size_t n) const {
    need(at, n);
    return bytes.substr(at, n);
  }
  void need(std::size_t at, std::size_t n) const {
    if (at > bytes.size() || n > bytes.size() - at) throw zip_format_error("zip: a record runs past the end");
  }
};

void expect(bool ok, const std::string& what) {
  if (!ok) throw zip_format_error("zip: " + what);
}

}  // namespace

std::vector<zip_entry> read_zip(std::string_view archive) {
  cursor c{archive};
  expect(archive.size() >= 22, "shorter than an end record");
  std::size_t end = archive.size() - 22;  // no archive comment is expected
  expect(c.u32(end) == 0x06054b50, "no end record at the end");
  expect(c.u16(end + 4) == 0 && c.u16(end + 6) == 0, "spans several disks");
  std::uint32_t count = c.u16(end + 10);
  expect(c.u16(end + 8) == count, "entry counts disagree");
  std::size_t directory_size = c.u32(end + 12);
  std::size_t at = c.u32(end + 16);
  expect(c.u16(end + 20) == 0, "has a comment");
  expect(at + directory_size == end, "the central directory does not end at the end record");

  std::vector<zip_entry> entries;
  std::size_t next_local = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    expect(c.u32(at) == 0x02014b50, "central record " + std::to_string(i) + " has no signature");
    zip_entry e;
    e.flags = static_cast<std::uint16_t>(c.u16(at + 8));
    e.method = static_cast<std::uint16_t>(c.u16(at + 10));
    e.dos_time = static_cast<std::uint16_t>(c.u16(at + 12));
    e.dos_date = static_cast<std::uint16_t>(c.u16(at + 14));
    e.crc = c.u32(at + 16);
    std::uint32_t compressed = c.u32(at + 20);
    std::uint32_t size = c.u32(at + 24);
    std::size_t name_length = c.u16(at + 28);
    std::size_t extra_length = c.u16(at + 30);
    std::size_t comment_length = c.u16(at + 32);
    std::size_t local = c.u32(at + 42);
    e.name = std::string(c.slice(at + 46, name_length));
    expect(e.method == 0 && compressed == size, e.name + " is not stored uncompressed");
    expect(local == next_local, e.name + " does not start where the previous entry ended");

    expect(c.u32(local) == 0x04034b50, e.name + ": no local header");
    for (std::size_t field = 4; field <= 26; field += 2)
      expect(c.u16(local + field) == c.u16(at + field + 2), e.name + ": local header disagrees at byte " + std::to_string(field));
    expect(c.u16(local + 28) == 0, e.name + ": unexpected local extra field");
    expect(c.slice(local + 30, name_length) == e.name, e.name + ": local name differs");
    e.data = std::string(c.slice(local + 30 + name_length, size));
    expect(common::zip::crc32(e.data) == e.crc, e.name + ": CRC-32 mismatch");
    next_local = local + 30 + name_length + size;
    at += 46 + name_length + extra_length + comment_length;
    entries.push_back(std::move(e));
  }
  expect(next_local == c.u32(end + 16), "data between the last entry and the central directory");
  expect(at == end, "central directory size disagrees with its records");
  return entries;
}

}  // namespace test_support
