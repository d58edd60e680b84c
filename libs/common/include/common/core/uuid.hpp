// UUID text validation and generation (lowercase hyphenated form).
#pragma once
#include <string>
#include <string_view>

namespace common {
/// True when `s` is a 36-character hyphenated UUID (any case).
bool is_uuid(std::string_view s);
/// A random (version 4) UUID in lowercase.
std::string random_uuid();
}  // namespace common
