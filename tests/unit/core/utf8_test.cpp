// Bytes that are not UTF-8 become U+FFFD, valid text passes unchanged.
#include "common/core/utf8.hpp"
#include <catch2/catch.hpp>

using common::utf8::sanitized;

namespace {
const std::string fffd = "\xEF\xBF\xBD";
}

TEST_CASE("valid UTF-8 is returned unchanged", "[core][utf8]") {
  CHECK(sanitized("Mozilla/5.0 (X11)") == "Mozilla/5.0 (X11)");
  CHECK(sanitized("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  CHECK(sanitized("").empty());
}

TEST_CASE("every byte outside a well-formed sequence becomes U+FFFD", "[core][utf8]") {
  CHECK(sanitized("a\xFF" "b") == "a" + fffd + "b");
  CHECK(sanitized("\xFF\xFE") == fffd + fffd);
  CHECK(sanitized("\xC3(") == fffd + "(");                 // truncated two-byte sequence
  CHECK(sanitized("\xC0\xAF") == fffd + fffd);             // overlong '/'
  CHECK(sanitized("\xED\xA0\x80") == fffd + fffd + fffd);  // a surrogate
  CHECK(sanitized("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
  CHECK(sanitized("\xE2\x82") == fffd + fffd);             // cut at the end
  CHECK(sanitized(std::string("a\0b", 3)) == "a" + fffd + "b");
}

TEST_CASE("sanitized with a byte cap stops at the last whole character that fits", "[utf8]") {
  CHECK(sanitized("abcdef", 4) == "abcd");
  CHECK(sanitized("ab\xFF\xFF", 4) == "ab");            // a replacement takes three bytes, so it does not fit
  CHECK(sanitized("a\xFF" "b", 4) == "a" + fffd);
  CHECK(sanitized("caf\xC3\xA9", 4) == "caf");         // never half a character
  CHECK(sanitized(std::string(600, '\xFF'), 512).size() <= 512);
  CHECK(sanitized("abc", 0).empty());
}
