// Reading a streamed (server-sent events) chat completion piece by piece, with a cap on the answer (pure).
#pragma once
#include "council/clients/upstream_usage.hpp"
#include "council/text/text_result.hpp"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace council::clients {

/// Accumulates `choices[0].delta.content` of the `data:` events of an OpenAI-style stream, in whatever pieces
/// the bytes arrive, until `data: [DONE]`. Comments and other SSE fields are skipped. The answer is kept to at
/// most `max_answer_bytes` (cut at a UTF-8 character boundary); a line longer than `max_line_bytes` is a failure,
/// so memory stays bounded whatever the provider sends.
class completion_stream {
public:
  completion_stream(std::size_t max_answer_bytes, std::size_t max_line_bytes);
  /// Consumes the next bytes of the body. Does nothing once finished (ended, failed or cut).
  void feed(std::string_view bytes);
  /// True once nothing more is wanted: [DONE] seen, a failure, or the answer cut.
  bool finished() const { return done_ || failure_ || cut_; }
  /// The answer so far (grows only at its end).
  const std::string& content() const { return content_; }
  /// True when the answer reached max_answer_bytes and the rest was dropped.
  bool cut() const { return cut_; }
  /// The last `usage` a chunk reported.
  const std::optional<upstream_usage>& usage() const { return usage_; }
  /// The whole answer once the body has ended: the content, or why there is none (an error chunk, a malformed
  /// chunk, a stream that ended before [DONE], no or blank content). Moves the content out.
  text::text_result finish();

private:
  void take_line(std::string_view line);
  void dispatch();
  void append(std::string_view delta);

  std::size_t max_answer_bytes_;
  std::size_t max_line_bytes_;
  std::string line_;  // the current incomplete line
  std::string data_;  // the `data:` lines of the current event
  bool has_data_ = false;
  bool after_cr_ = false;  // the last byte was a CR (a following LF belongs to the same line end)
  std::string content_;
  std::optional<upstream_usage> usage_;
  std::optional<std::string> failure_;
  bool done_ = false;
  bool cut_ = false;
};

/// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

}  // namespace council::clients
