// ZIP records written little-endian byte by byte (APPNOTE 6.3 sections 4.3.7, 4.3.12 and 4.3.16).
#include "common/core/zip_writer.hpp"
#include <algorithm>
#include <array>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace common::zip {
namespace {

constexpr std::uint32_t local_header_signature = 0x04034b50;
constexpr std::uint32_t central_header_signature = 0x02014b50;
constexpr std::uint32_t end_record_signature = 0x06054b50;
constexpr std::uint16_t version_needed = 20;            // 2.0: stored entries in folders
constexpr std::uint16_t version_made_by = (3 << 8) | 20;  // UNIX host, spec 2.0
constexpr std::uint16_t utf8_names_flag = 1 << 11;      // general purpose bit 11: names are UTF-8
constexpr std::uint16_t method_stored = 0;
constexpr std::uint32_t regular_file_mode = 0100644u << 16;  // external attributes on a UNIX host: -rw-r--r--
constexpr std::uint64_t max_field = std::numeric_limits<std::uint32_t>::max();

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}
constexpr std::array<std::uint32_t, 256> crc_table = make_crc_table();

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::uint32_t checked_size(std::uint64_t size, const char* what) {
  if (size >= max_field) throw std::length_error(std::string("zip: ") + what + " needs ZIP64");
  return static_cast<std::uint32_t>(size);
}

/// The fields shared by a local header (from "version needed") and a central record (from "version needed").
void put_common_fields(std::string& out, std::uint16_t dos_time, std::uint16_t dos_date, std::uint32_t crc,
                       std::uint32_t size, std::uint16_t name_length) {
  put16(out, version_needed);
  put16(out, utf8_names_flag);
  put16(out, method_stored);
  put16(out, dos_time);
  put16(out, dos_date);
  put32(out, crc);
  put32(out, size);  // compressed size
  put32(out, size);  // uncompressed size
  put16(out, name_length);
  put16(out, 0);  // extra field length
}

}  // namespace

std::uint32_t crc32(std::string_view data, std::uint32_t crc) {
  crc = ~crc;
  for (unsigned char byte : data) crc = crc_table[(crc ^ byte) & 0xff] ^ (crc >> 8);
  return ~crc;
}

zip_writer::zip_writer(sys_time modified) {
  auto secs = static_cast<std::time_t>(std::chrono::duration_cast<std::chrono::seconds>(modified.time_since_epoch()).count());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  int year = std::clamp(tm.tm_year + 1900, 1980, 2107);
  dos_date_ = static_cast<std::uint16_t>(((year - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  dos_time_ = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
}

void zip_writer::add(std::string_view name, std::string_view data) {
  if (name.empty()) throw std::invalid_argument("zip: an entry needs a name");
  if (entries_ == std::numeric_limits<std::uint16_t>::max()) throw std::length_error("zip: too many entries");
  if (name.size() > std::numeric_limits<std::uint16_t>::max()) throw std::length_error("zip: entry name too long");
  auto name_length = static_cast<std::uint16_t>(name.size());
  std::uint32_t size = checked_size(data.size(), "an entry");
  std::uint32_t offset = checked_size(body_.size(), "the archive");
  checked_size(body_.size() + 30 + name.size() + data.size(), "the archive");
  std::uint32_t crc = crc32(data);

  put32(body_, local_header_signature);
  put_common_fields(body_, dos_time_, dos_date_, crc, size, name_length);
  body_.append(name);
  body_.append(data);

  put32(directory_, central_header_signature);
  put16(directory_, version_made_by);
  put_common_fields(directory_, dos_time_, dos_date_, crc, size, name_length);
  put16(directory_, 0);  // comment length
  put16(directory_, 0);  // disk number start
  put16(directory_, 0);  // internal attributes
  put32(directory_, regular_file_mode);
  put32(directory_, offset);
  directory_.append(name);
  ++entries_;
}

std::string zip_writer::finish() {
  std::uint32_t directory_offset = checked_size(body_.size(), "the archive");
  std::uint32_t directory_size = checked_size(directory_.size(), "the central directory");
  checked_size(body_.size() + directory_.size(), "the archive");
  std::string out = std::move(body_);
  out.append(directory_);
  put32(out, end_record_signature);
  put16(out, 0);  // this disk
  put16(out, 0);  // disk of the central directory
  put16(out, static_cast<std::uint16_t>(entries_));
  put16(out, static_cast<std::uint16_t>(entries_));
  put32(out, directory_size);
  put32(out, directory_offset);
  put16(out, 0);  // comment length
  body_.clear();
  directory_.clear();
  entries_ = 0;
  return out;
}

}  // namespace common::zip
