// bearer_token: trims the header, checks the scheme case-insensitively, trims the token.
#include "common/http/bearer.hpp"
#include <algorithm>
#include <cctype>

namespace common::http {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> bearer_token(const request& req) {
  auto header = req.header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view scheme = "bearer ";
  std::string_view value = trimmed(*header);
  if (value.size() < scheme.size()) return std::string();
  bool is_bearer = std::equal(scheme.begin(), scheme.end(), value.begin(), [](char expected, char given) {
    return expected == std::tolower(static_cast<unsigned char>(given));
  });
  if (!is_bearer) return std::string();
  return std::string(trimmed(value.substr(scheme.size())));
}

}  // namespace common::http
