// Reading an OpenAI-compatible chat completion response body (pure).
#pragma once
#include "council/clients/upstream_usage.hpp"
#include "council/text/text_result.hpp"
#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace council::clients {

/// The answer of a 200 body and the usage it reports (absent when the body has none).
struct completion {
  std::string content;
  std::optional<upstream_usage> usage;
};
/// The outcome of reading a 200 body: the completion, or why there is none.
using completion_result = boost::system::result<completion, std::string>;

/// parse_completion() plus the body's `usage` object.
completion_result read_completion(std::string_view body);
/// `usage` of a completion or stream chunk object: non-negative integer token counts and a non-negative `cost`
/// (each missing or malformed field reads 0); none when `chunk` has no `usage` object.
std::optional<upstream_usage> usage_of(const boost::json::value& chunk);
/// "provider error: <message>" when `body` is an object with an `error` member, else none.
std::optional<std::string> provider_error_of(const boost::json::value& body);
/// `choices[0].message.content` of a 200 body; the error says plainly what was wrong
/// (malformed JSON, an `error` object, no choices, null, missing or blank content).
text::text_result parse_completion(std::string_view body);
/// A short message for a failed response: the provider's `error.message` (or `error` string,
/// or `detail`/`message`), else the body's first 300 characters, else the status reason.
std::string provider_message(int status, std::string_view body);

}  // namespace council::clients
