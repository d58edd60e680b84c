// What every model of one stage is asked, serialised once and shared by all of that stage's calls.
#pragma once
#include "common/http/client.hpp"
#include "council/values/chat_message.hpp"
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace council::clients {

/// How the models are asked (besides the messages). The one place that decides what a request body holds.
struct completion_settings {
  bool stream = true;                    // "stream": true (a streamed completion) or one JSON body
  std::optional<double> temperature;     // "temperature" when set
  std::optional<long long> max_tokens;   // "max_tokens" when set
};

/// A chat-completion request without its model: `messages` and `settings` as the JSON body's shared part
/// (`"messages": [...], "stream": ..., "temperature": ..., "max_tokens": ..., "usage": {"include": true}}`), built once; each call adds only its model.
class completion_request {
public:
  completion_request(const std::vector<values::chat_message>& messages, completion_settings settings);
  /// True when the answer is asked for as a stream.
  bool streamed() const { return settings_.stream; }
  /// The start of the body for `model` (`{"model": "<model>",`); the shared rest is body_rest().
  std::string body_head(std::string_view model) const;
  /// The shared rest of every body.
  const std::shared_ptr<const std::string>& body_rest() const { return rest_; }

private:
  completion_settings settings_;
  std::shared_ptr<const std::string> rest_;
};

/// A request shared between the calls that send it.
using shared_request = std::shared_ptr<const completion_request>;

/// A shared request of `messages` with `settings`.
shared_request make_request(const std::vector<values::chat_message>& messages, completion_settings settings);

}  // namespace council::clients
