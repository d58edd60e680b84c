// OpenAI-compatible chat completions over one pooled HTTP client, with deadlines and retries.
#pragma once
#include "common/http/client.hpp"
#include "council/clients/upstream_usage.hpp"
#include "council/values/chat_message.hpp"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace council::clients {

/// Sampling settings sent with every call of a run; absent ones are left to the provider.
struct sampling_options {
  std::optional<double> temperature;
  std::optional<long long> max_tokens;
};

/// Where one run's calls go, with which key and sampling settings; the key is wiped when the target is destroyed.
struct upstream_target {
  std::string base_url;  // e.g. https://openrouter.ai/api/v1 (no trailing slash)
  std::string api_key;
  sampling_options sampling;
  upstream_target(std::string base, std::string key, sampling_options s = {})
      : base_url(std::move(base)), api_key(std::move(key)), sampling(s) {}
  upstream_target(const upstream_target&) = delete;
  upstream_target& operator=(const upstream_target&) = delete;
  ~upstream_target();
};

/// Outcome of one model call after retries: the content, or the last failure.
struct call_result {
  std::optional<std::string> content;
  std::optional<int> status;  // HTTP status of the last failed try; none for time-outs and transport errors
  std::string error;          // what went wrong, when content is empty
  int tries = 0;
  std::optional<upstream_usage> usage;  // what the answering try reported; none when the provider sent no usage
};

/// Client-wide settings.
struct upstream_options {
  std::string ca_file;   // extra CA file; empty: system CAs
  std::string referer;   // HTTP-Referer attribution header
  std::string title;     // X-Title attribution header
  common::clock::duration timeout = std::chrono::seconds(120);  // per try
  int max_tries = 3;
};

/// Asks models for completions, each with usage accounting ("usage": {"include": true}). Retries 429, 5xx, time-outs and transport failures (honouring
/// Retry-After, else exponential back-off with jitter) but never other statuses.
class openrouter_client {
public:
  openrouter_client(common::executor ex, upstream_options options);
  /// Asks `model` with `messages`; never throws for upstream failures (only when cancelled).
  /// No try starts, and no back-off is waited, past `deadline`.
  common::awaitable<call_result> complete(std::shared_ptr<const upstream_target> target, std::string model,
                                          std::vector<values::chat_message> messages, common::clock::time_point deadline);
  /// Connections opened so far (keep-alive reuse check).
  std::size_t connections_opened() const { return http_.connections_opened(); }

private:
  upstream_options options_;
  common::http::client http_;
};

}  // namespace council::clients
