// Test-controlled behaviour of the fake OpenRouter: the JSON of POST /_fake/config and the plan for one call.
#pragma once
#include "fakes/key_info.hpp"
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace fake_openrouter {

/// One model's (or the default) behaviour; unset fields fall back to "default", then to a plain answer.
struct behaviour {
  std::optional<long long> latency_ms;                // delay before answering (timer, never blocking)
  std::optional<int> status;                          // error status to answer with (200: none)
  std::optional<int> fail_times;                      // misbehave only on the first N calls of the model
  std::optional<int> retry_after;                     // seconds, sent as Retry-After on errors
  std::optional<std::optional<std::string>> content;  // fixed content; an inner nullopt is JSON null content
  std::optional<bool> malformed;                      // answer 200 with a body that is not JSON
  std::optional<bool> hang;                           // never answer
  std::optional<std::string> error_message;           // message of error answers
  std::optional<long long> chunk_delay_ms;            // streamed answers: delay before each content chunk
  std::optional<long long> chunk_bytes;               // streamed answers: content bytes per chunk (default 16)
  std::optional<long long> answer_bytes;              // answers padded (or cut) to exactly this many bytes
  std::optional<int> stream_error_after;              // streamed: an error chunk after N content chunks, no [DONE]
  std::optional<int> stream_drop_after;               // streamed: the connection drops after N content chunks
};

/// Everything POST /_fake/config sets.
struct fake_config {
  std::map<std::string, behaviour, std::less<>> models;
  behaviour defaults;
  std::optional<std::string> require_key;  // 401 unless the bearer token equals it
  key_behaviour key;                       // GET /api/v1/key
};

/// Parses `{"models": {name: behaviour}, "default": behaviour, "require_key": "...", "key": key_behaviour}`;
/// throws std::invalid_argument with a sentence naming the bad field.
fake_config parse_config(const boost::json::value& body);

/// `specific`'s fields over `fallback`'s.
behaviour merge(const behaviour& fallback, const behaviour& specific);

/// What the fake does for one call.
struct call_plan {
  std::chrono::milliseconds latency{0};
  bool hang = false;
  int status = 200;
  std::optional<int> retry_after;
  std::string error_message;
  bool malformed = false;
  bool null_content = false;
  std::optional<std::string> content;  // fixed content instead of the generated answer
  std::chrono::milliseconds chunk_delay{0};
  std::size_t chunk_bytes = 16;
  std::optional<std::size_t> answer_bytes;
  std::optional<int> stream_error_after;
  std::optional<int> stream_drop_after;
};

/// The plan for call number `call_index` (from 0) of a model whose effective behaviour is `b`.
/// Misbehaviour (error status, malformed body, hang, null content, stream errors and drops) applies to every call,
/// or to the first
/// `fail_times` calls when set; `fail_times` alone means status 500.
call_plan plan_call(const behaviour& b, int call_index);

}  // namespace fake_openrouter
