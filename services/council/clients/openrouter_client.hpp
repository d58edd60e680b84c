// OpenAI-compatible chat completions over one pooled HTTP client, with deadlines and retries.
#pragma once
#include "common/http/client.hpp"
#include "council/clients/completion_request.hpp"
#include "council/clients/upstream_usage.hpp"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace council::clients {

/// Where one run's calls go and with which key; the key is wiped when the target is destroyed.
struct upstream_target {
  std::string base_url;  // e.g. https://openrouter.ai/api/v1 (no trailing slash)
  std::string api_key;
  std::vector<boost::asio::ip::address> addresses;  // the vetted addresses of a custom endpoint; empty: resolve
  upstream_target(std::string base, std::string key, std::vector<boost::asio::ip::address> vetted = {})
      : base_url(std::move(base)), api_key(std::move(key)), addresses(std::move(vetted)) {}
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
  bool cut = false;  // the answer was longer than max_answer_bytes and was cut (content holds the kept part)
};

/// Takes each new piece of a streamed answer as it arrives (the pieces concatenate to the answer).
using delta_sink = std::function<void(std::string_view delta)>;

/// Client-wide settings.
struct upstream_options {
  std::string ca_file;   // extra CA file; empty: system CAs
  std::string referer;   // HTTP-Referer attribution header
  std::string title;     // X-Title attribution header
  common::clock::duration timeout = std::chrono::seconds(120);  // per try
  int max_tries = 3;
  std::size_t max_answer_bytes = 524288;  // longer answers are cut at a UTF-8 boundary
};

/// Asks models for completions. Retries 429, 5xx, time-outs and transport failures (honouring
/// Retry-After, else exponential back-off with jitter) but never other statuses, and never once a piece of the
/// answer went to the delta sink.
class openrouter_client {
public:
  openrouter_client(common::executor ex, upstream_options options);
  /// Asks `model` the shared `request`; never throws for upstream failures (only when cancelled).
  /// No try starts, and no back-off is waited, past `deadline`. A streamed answer's pieces go to `on_delta`
  /// (when set) as they arrive, from within this call.
  common::awaitable<call_result> complete(std::shared_ptr<const upstream_target> target, std::string model,
                                          shared_request request, common::clock::time_point deadline,
                                          delta_sink on_delta);
  /// The answer cap: longer answers are cut to this many bytes.
  std::size_t max_answer_bytes() const { return options_.max_answer_bytes; }
  /// Connections opened so far (keep-alive reuse check).
  std::size_t connections_opened() const { return http_.connections_opened(); }

private:
  upstream_options options_;
  common::http::client http_;
};

}  // namespace council::clients
