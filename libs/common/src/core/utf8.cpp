// UTF-8 validation by the well-formed byte sequences of Unicode 15, table 3-7.
#include "common/core/utf8.hpp"
#include <algorithm>

namespace common::utf8 {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";

bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

/// Length of the well-formed sequence starting at `s[i]` (1..4), or 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  std::size_t left = s.size() - i;
  unsigned char b0 = at(0);
  if (b0 >= 0x01 && b0 <= 0x7F) return 1;
  if (in(b0, 0xC2, 0xDF)) return left >= 2 && in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    if (left < 3) return 0;
    unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    if (left < 4) return 0;
    unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::string sanitized(std::string_view bytes, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(bytes.size(), max_bytes));
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = sequence_length(bytes, i);
    std::string_view piece = n == 0 ? replacement : bytes.substr(i, n);
    if (piece.size() > max_bytes - out.size()) break;
    out.append(piece);
    i += n == 0 ? 1 : n;
  }
  return out;
}

}  // namespace common::utf8
