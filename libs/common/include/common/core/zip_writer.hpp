// An in-memory ZIP archive writer (PKWARE APPNOTE 6.3: stored entries, UTF-8 names, no ZIP64) and CRC-32.
#pragma once
#include "common/core/time.hpp"
#include <cstdint>
#include <string>
#include <string_view>

namespace common::zip {

/// CRC-32 as ZIP and gzip use it (reflected polynomial 0xEDB88320), continuing from `crc` (0 to start).
std::uint32_t crc32(std::string_view data, std::uint32_t crc = 0);

/// Builds one archive of uncompressed entries in memory. Entries keep the order they were added in.
class zip_writer {
public:
  /// Every entry is stamped with `modified` (UTC, as an MS-DOS date and time; clamped to 1980..2107).
  explicit zip_writer(sys_time modified);
  /// Appends the entry `name` (UTF-8, '/' separated, not empty) holding `data`. Throws std::length_error when the
  /// archive would need ZIP64 (an entry or the archive over 4 GiB, more than 65535 entries, a name over 64 KiB).
  void add(std::string_view name, std::string_view data);
  /// The complete archive: the entries, the central directory and the end record. The writer is left empty.
  std::string finish();

private:
  std::string body_;       // local headers and data
  std::string directory_;  // central directory records
  std::uint16_t dos_time_ = 0;
  std::uint16_t dos_date_ = 0;
  std::uint32_t entries_ = 0;
};

}  // namespace common::zip
