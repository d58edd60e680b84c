// UTF-8 aware text helpers: character counts, trimming, truncation at character and word boundaries.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace council::text {

/// Number of Unicode code points in UTF-8 `s` (continuation bytes are not counted).
std::size_t char_count(std::string_view s);
/// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);
/// True when `s` holds only whitespace (ASCII and the common Unicode spaces).
bool is_blank(std::string_view s);
/// The first `max_chars` code points of `s` (never splits a multi-byte sequence).
std::string truncate_chars(std::string_view s, std::size_t max_chars);
/// `s` shortened to at most `max_chars` code points, cut at a word boundary when possible and
/// ending in "..." when shortened; whitespace runs are collapsed to single spaces first.
std::string shorten(std::string_view s, std::size_t max_chars);

}  // namespace council::text
