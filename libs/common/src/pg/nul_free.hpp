// PostgreSQL text and jsonb cannot hold U+0000: the replacements the parameter factories apply.
#pragma once
#include <string>

namespace common::pg {

/// `text` with every NUL byte replaced by U+FFFD (libpq would cut a text parameter at the first NUL).
std::string without_nul(std::string text);
/// Serialized JSON with every `\u0000` escape replaced by `\ufffd` (jsonb refuses it); escaped
/// backslashes are skipped, so `\\u0000` (a literal backslash) is left as written.
std::string json_without_nul(std::string json_text);

}  // namespace common::pg
