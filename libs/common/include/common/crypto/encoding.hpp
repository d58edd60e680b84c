// Base64 (standard and URL-safe without padding) and hex codecs.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace common::crypto {
/// RFC 4648 §5 base64url, no padding.
std::string base64url_encode(std::string_view bytes);
/// Decodes base64url with or without padding; nullopt on any invalid character.
std::optional<std::string> base64url_decode(std::string_view text);
/// RFC 4648 §4 base64 with padding.
std::string base64_encode(std::string_view bytes);
/// Decodes standard base64 (padding optional); nullopt when invalid.
std::optional<std::string> base64_decode(std::string_view text);
/// Lowercase hex.
std::string hex_encode(std::string_view bytes);
}  // namespace common::crypto
