// One message of a chat completion request, as the upstream provider receives it.
#pragma once
#include <string>

namespace council::values {

/// One chat message sent upstream.
struct chat_message {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
};

}  // namespace council::values
