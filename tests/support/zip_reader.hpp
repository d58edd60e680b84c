// A strict reader of stored-entry ZIP archives for tests: walks the end record, the central directory and every
// local header, and refuses any disagreement between them or a wrong CRC-32.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

/// One entry as read from an archive.
struct zip_entry {
  std::string name;
  std::string data;
  std::uint16_t flags = 0;     // general purpose bits (bit 11: UTF-8 name)
  std::uint16_t method = 0;    // 0: stored
  std::uint16_t dos_time = 0;
  std::uint16_t dos_date = 0;
  std::uint32_t crc = 0;
};

/// Thrown when an archive is malformed; what() says where.
struct zip_format_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The entries of `archive` in central-directory order. Throws zip_format_error for anything but a
/// single-disk archive of stored entries whose headers, sizes and CRC-32s agree and that ends with its end record.
std::vector<zip_entry> read_zip(std::string_view archive);

}  // namespace test_support
