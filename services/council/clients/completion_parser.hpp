// Reading an OpenAI-compatible chat completion response body (pure).
#pragma once
#include "council/text/text_result.hpp"
#include <string>
#include <string_view>

namespace council::clients {

/// `choices[0].message.content` of a 200 body; the error says plainly what was wrong
/// (malformed JSON, an `error` object, no choices, null, missing or blank content).
text::text_result parse_completion(std::string_view body);
/// A short message for a failed response: the provider's `error.message` (or `error` string,
/// or `detail`/`message`), else the body's first 300 characters, else the status reason.
std::string provider_message(int status, std::string_view body);

}  // namespace council::clients
