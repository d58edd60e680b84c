// Shapes of the fake's answers beyond the plain body: usage with a deterministic cost, padding to a size, and
// the streamed (server-sent events) form with per-chunk delays and mid-stream faults.
#pragma once
#include "common/http/message.hpp"
#include "fakes/behaviour.hpp"
#include <boost/json/object.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fake_openrouter {

/// OpenRouter's `usage`: tokens counted as one per started 4 bytes; cost $1 per million prompt tokens and $2 per
/// million completion tokens.
boost::json::object usage_for(std::size_t prompt_bytes, std::size_t answer_bytes);

/// `answer` padded with filler after a blank line (or cut on a character boundary) to exactly `bytes` bytes.
std::string sized_answer(std::string answer, std::size_t bytes);

/// `answer` in pieces of at most `chunk_bytes` bytes, never splitting a UTF-8 character.
std::vector<std::string> answer_chunks(std::string_view answer, std::size_t chunk_bytes);

/// What one streamed completion sends.
struct stream_script {
  std::string id;
  std::string model;
  std::vector<std::string> chunks;           // the content pieces
  bool null_content = false;                 // no content at all
  bool malformed = false;                    // a broken chunk after the first content piece
  std::optional<boost::json::object> usage;  // the last chunk before [DONE], when asked for
  const call_plan* plan = nullptr;           // delays and faults (copied into the response)
};

/// A text/event-stream response: a role chunk, the content chunks (each after plan.chunk_delay), the usage chunk,
/// then `data: [DONE]`; or an error chunk / a dropped connection after plan's stream_error_after /
/// stream_drop_after content chunks.
common::http::response streamed_completion(stream_script script);

}  // namespace fake_openrouter
