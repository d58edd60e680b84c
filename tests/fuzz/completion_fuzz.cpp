// Fuzz target: what the council reads from an upstream answer: the chat-completion body, the provider's error
// message of a failed call, and the Retry-After header. Input: the body (also tried as a Retry-After value).
#include "council/clients/completion_parser.hpp"
#include "council/clients/retry_policy.hpp"
#include "council/text/text.hpp"
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);

  const auto answer = council::clients::parse_completion(body);
  if (answer && council::text::is_blank(*answer)) __builtin_trap();
  if (!answer && answer.error().empty()) __builtin_trap();

  for (int status : {400, 429, 503}) {
    const auto message = council::clients::provider_message(status, body);
    if (message.empty() || council::text::char_count(message) > 300) __builtin_trap();
  }

  if (const auto wait = council::clients::parse_retry_after(body)) {
    if (wait->count() < 0 || *wait > council::clients::max_retry_after) __builtin_trap();
  }
  return 0;
}
