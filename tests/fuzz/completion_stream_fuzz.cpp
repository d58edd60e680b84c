// Fuzz target: the streamed-completion reader. Input: a streamed body, fed whole and again in pieces whose sizes
// come from the input; both readings must agree, and the answer must respect its cap and stay valid UTF-8 cuts.
#include "council/clients/completion_stream.hpp"
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr std::size_t cap = 64;
  constexpr std::size_t line_cap = 4096;

  council::clients::completion_stream whole(cap, line_cap);
  whole.feed(body);
  council::clients::completion_stream pieces(cap, line_cap);
  for (std::size_t at = 0, step = 1; at < body.size(); at += step) {
    step = 1 + static_cast<unsigned char>(body[at]) % 13;
    pieces.feed(body.substr(at, step));
  }
  if (whole.content().size() > cap || whole.content() != pieces.content()) __builtin_trap();
  if (whole.cut() != pieces.cut() || whole.finished() != pieces.finished()) __builtin_trap();

  const auto a = whole.finish();
  const auto b = pieces.finish();
  if (a.has_value() != b.has_value()) __builtin_trap();
  if (a.has_value() && *a != *b) __builtin_trap();
  if (!a.has_value() && (a.error().empty() || a.error() != b.error())) __builtin_trap();
  return 0;
}
