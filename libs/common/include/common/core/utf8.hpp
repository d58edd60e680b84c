// Making untrusted bytes (header values, upstream text) safe to store as UTF-8 text.
#pragma once
#include <string>
#include <string_view>

namespace common::utf8 {

/// `bytes` with every byte that is not part of a well-formed UTF-8 sequence (overlong forms, surrogates and
/// code points above U+10FFFF included) and every U+0000 replaced by U+FFFD; valid text is returned unchanged.
std::string sanitized(std::string_view bytes);

}  // namespace common::utf8
