// One try's answer from a 200 body read in pieces: a streamed completion, or one JSON completion body when the
// provider ignored "stream"; both kept within the answer cap.
#pragma once
#include "council/clients/completion_stream.hpp"
#include "council/clients/upstream_usage.hpp"
#include "council/text/text_result.hpp"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace council::clients {

/// The longest 200 body (or streamed line) read for an answer of at most `max_answer_bytes`: room for the
/// answer with every byte escaped as \uXXXX, plus 64 KiB for the rest of the JSON.
std::size_t completion_body_limit(std::size_t max_answer_bytes);

/// What one try produced from its 200 body.
struct collected_answer {
  text::text_result content = text::text_failure("no answer");
  bool cut = false;  // the answer reached the cap and the rest was dropped
  std::optional<upstream_usage> usage;
};

/// Reads a 200 body whose kind is known from its first non-blank byte: `{` a JSON completion, else events.
class answer_collector {
public:
  explicit answer_collector(std::size_t max_answer_bytes);
  /// Takes the next body bytes; false once no more are wanted (stream finished or cut, or the body too long).
  bool feed(std::string_view bytes);
  /// The streamed answer so far (empty for a JSON body).
  const std::string& streamed() const { return stream_.content(); }
  /// After the body ended (or feed() returned false): the answer, cut to the cap, or why there is none.
  collected_answer finish();

private:
  enum class kind { unknown, json, events };
  std::size_t max_answer_bytes_;
  kind kind_ = kind::unknown;
  completion_stream stream_;
  std::string json_;  // the JSON body, up to completion_body_limit
  bool too_long_ = false;
};

/// A whole JSON completion body read as one answer cut to `max_answer_bytes`.
collected_answer collect_json(std::string_view body, std::size_t max_answer_bytes);

}  // namespace council::clients
