// Making untrusted bytes (header values, upstream text) safe to store as UTF-8 text.
#pragma once
#include <string>
#include <string_view>

namespace common::utf8 {

/// `bytes` with every byte that is not part of a well-formed UTF-8 sequence (overlong forms, surrogates and
/// code points above U+10FFFF included) and every U+0000 replaced by U+FFFD; valid text is returned unchanged.
/// The result is cut at the last whole character that fits in `max_bytes`.
std::string sanitized(std::string_view bytes, std::size_t max_bytes = std::string::npos);

}  // namespace common::utf8
