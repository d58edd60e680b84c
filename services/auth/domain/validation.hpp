// Input rules of the auth API; each check returns the 422 sentence naming the field, or nothing.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace auth::domain {

/// The only provider accepted for keys.
inline constexpr std::string_view openrouter_provider = "openrouter";

/// `s` without leading and trailing ASCII whitespace.
std::string trim(std::string_view s);
/// Problem with a (trimmed) email address, e.g. `email: must be a valid email address`.
std::optional<std::string> email_problem(std::string_view email);
/// Problem with a password in `field`: 8..72 bytes, no NUL (bcrypt would silently truncate).
std::optional<std::string> password_problem(std::string_view field, std::string_view password);
/// Problem with a (trimmed) provider API key: at least 10 characters, printable, at most 1024.
std::optional<std::string> api_key_problem(std::string_view api_key);
/// Problem with a custom endpoint: must be an absolute https URL with a host.
std::optional<std::string> endpoint_problem(std::string_view endpoint);
/// The host of an endpoint URL (what the audit shows of it); nullopt for none or a URL without a host.
std::optional<std::string> endpoint_host(const std::optional<std::string>& endpoint);
/// True for providers keys may be stored for.
bool known_provider(std::string_view provider);
/// `"..."` plus the last 6 characters of the key.
std::string key_hint(std::string_view api_key);
/// The throttling identity of an email: lower-cased.
std::string canonical_email(std::string_view email);

}  // namespace auth::domain
