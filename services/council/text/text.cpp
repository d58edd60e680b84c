// UTF-8 aware text helpers used by validation, titles and history trimming.
#include "council/text/text.hpp"

namespace council::text {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Length in bytes of a Unicode space starting at s[i] (NBSP, U+2000..U+200B, U+3000, ...), or 0.
std::size_t unicode_space_at(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0x85)) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8B) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;
  return 0;
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : trim(s)) {
    if (is_ascii_space(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if (!is_continuation(c)) ++n;
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_ascii_space(s[i])) {
      ++i;
      continue;
    }
    std::size_t n = unicode_space_at(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string truncate_chars(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(s[i])) continue;
    if (chars == max_chars) return std::string(s.substr(0, i));
    ++chars;
  }
  return std::string(s);
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  std::string text = collapse_whitespace(s);
  if (char_count(text) <= max_chars) return text;
  const std::string ellipsis = "...";
  std::size_t room = max_chars > ellipsis.size() ? max_chars - ellipsis.size() : 0;
  std::string head = truncate_chars(text, room);
  if (auto space = head.rfind(' '); space != std::string::npos && space >= head.size() / 2) head.resize(space);
  while (!head.empty() && (head.back() == ' ' || head.back() == ',' || head.back() == ';' || head.back() == ':')) head.pop_back();
  return head + ellipsis;
}

}  // namespace council::text
