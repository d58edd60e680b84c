// Email, password, API key and endpoint rules.
#include "auth/domain/validation.hpp"
#include <boost/url/parse.hpp>
#include <algorithm>

namespace auth::domain {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  constexpr std::string_view specials = "!#$%&'*+-/=?^_`{|}~.";
  return std::all_of(local.begin(), local.end(),
                     [&](char c) { return is_alnum(c) || specials.find(c) != std::string_view::npos; });
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  int labels = 0;
  std::string_view last;
  while (true) {
    auto dot = domain.find('.');
    std::string_view label = domain.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) return false;
    ++labels;
    last = label;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
  }
  bool alpha_tld = std::all_of(last.begin(), last.end(), [](char c) { return !(c >= '0' && c <= '9'); });
  return labels >= 2 && last.size() >= 2 && alpha_tld;
}

}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> email_problem(std::string_view email) {
  if (email.empty()) return "email: must not be empty";
  if (email.size() > 254) return "email: must be at most 254 characters";
  auto at = email.rfind('@');
  if (at == std::string_view::npos || !valid_local_part(email.substr(0, at)) || !valid_domain(email.substr(at + 1)))
    return "email: must be a valid email address";
  return std::nullopt;
}

std::optional<std::string> password_problem(std::string_view field, std::string_view password) {
  std::string name(field);
  if (password.size() < 8) return name + ": must be at least 8 characters";
  if (password.size() > 72) return name + ": must be at most 72 bytes";
  if (password.find('\0') != std::string_view::npos) return name + ": must not contain NUL characters";
  return std::nullopt;
}

std::optional<std::string> api_key_problem(std::string_view api_key) {
  if (api_key.size() < 10) return "api_key: must be at least 10 characters";
  if (api_key.size() > 1024) return "api_key: must be at most 1024 characters";
  bool printable = std::all_of(api_key.begin(), api_key.end(), [](char c) { return c > ' ' && c != 0x7f; });
  if (!printable) return "api_key: must not contain spaces or control characters";
  return std::nullopt;
}

std::optional<std::string> endpoint_problem(std::string_view endpoint) {
  const std::string problem = "endpoint: must be an https URL";
  if (endpoint.size() > 2048) return problem;
  auto url = boost::urls::parse_absolute_uri(endpoint);
  if (!url || url->scheme_id() != boost::urls::scheme::https || !url->has_authority() ||
      url->encoded_host().empty() || url->has_fragment())
    return problem;
  return std::nullopt;
}

std::optional<std::string> endpoint_host(const std::optional<std::string>& endpoint) {
  if (!endpoint) return std::nullopt;
  auto url = boost::urls::parse_absolute_uri(*endpoint);
  if (!url || url->encoded_host().empty()) return std::nullopt;
  return std::string(url->encoded_host());
}

bool known_provider(std::string_view provider) { return provider == openrouter_provider; }

std::string key_hint(std::string_view api_key) {
  return "..." + std::string(api_key.substr(api_key.size() > 6 ? api_key.size() - 6 : 0));
}

std::string canonical_email(std::string_view email) {
  std::string out(email);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace auth::domain
