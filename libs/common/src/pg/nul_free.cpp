// Replacing U+0000 in text and serialized JSON before they reach PostgreSQL.
#include "nul_free.hpp"
#include <string_view>

namespace common::pg {

std::string without_nul(std::string text) {
  std::size_t at = text.find('\0');
  if (at == std::string::npos) return text;
  constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t from = 0;
  for (; at != std::string::npos; at = text.find('\0', from)) {
    out.append(text, from, at - from).append(replacement);
    from = at + 1;
  }
  out.append(text, from, std::string::npos);
  return out;
}

std::string json_without_nul(std::string json_text) {
  constexpr std::string_view nul_escape = "u0000";
  for (std::size_t at = json_text.find('\\'); at != std::string::npos; at = json_text.find('\\', at)) {
    if (std::string_view(json_text).substr(at + 1, nul_escape.size()) == nul_escape) json_text.replace(at + 2, 4, "fffd");
    at += 2;  // past the escaped character, so an escaped backslash never starts another escape
  }
  return json_text;
}

}  // namespace common::pg
