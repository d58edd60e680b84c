// Parses the fake's behaviour configuration and turns it into a plan per call.
#include "fakes/behaviour.hpp"
#include <stdexcept>

namespace fake_openrouter {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& field, const char* why) {
  throw std::invalid_argument(field + ": " + why);
}

std::optional<long long> integer(const json::object& o, const char* key, const std::string& where, long long min,
                                 long long max) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_int64() && !v->is_uint64()) invalid(where + "." + key, "must be an integer");
  const long long n = v->is_int64() ? v->as_int64() : static_cast<long long>(v->as_uint64());
  if (n < min || n > max) invalid(where + "." + key, "out of range");
  return n;
}

std::optional<bool> flag(const json::object& o, const char* key, const std::string& where) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) invalid(where + "." + key, "must be a boolean");
  return v->as_bool();
}

behaviour parse_behaviour(const json::value& value, const std::string& where) {
  if (!value.is_object()) invalid(where, "must be an object");
  const json::object& o = value.as_object();
  static constexpr const char* known[] = {"latency_ms",     "status",           "fail_times",        "retry_after",
                                          "content",        "malformed",        "hang",              "error_message",
                                          "chunk_delay_ms", "chunk_bytes",      "answer_bytes",      "stream_error_after",
                                          "stream_drop_after"};
  for (const auto& entry : o) {
    bool ok = false;
    for (const char* k : known) ok = ok || entry.key() == k;
    if (!ok) invalid(where + "." + std::string(entry.key()), "unknown field");
  }
  behaviour b;
  b.latency_ms = integer(o, "latency_ms", where, 0, 3'600'000);
  if (auto s = integer(o, "status", where, 200, 599)) b.status = static_cast<int>(*s);
  if (auto n = integer(o, "fail_times", where, 0, 1'000'000)) b.fail_times = static_cast<int>(*n);
  if (auto r = integer(o, "retry_after", where, 0, 86'400)) b.retry_after = static_cast<int>(*r);
  if (const json::value* c = o.if_contains("content")) {
    if (c->is_null()) {
      b.content = std::optional<std::string>();
    } else if (c->is_string()) {
      b.content = std::optional<std::string>(std::string(c->as_string()));
    } else {
      invalid(where + ".content", "must be a string or null");
    }
  }
  b.malformed = flag(o, "malformed", where);
  b.hang = flag(o, "hang", where);
  if (const json::value* m = o.if_contains("error_message"); m != nullptr && !m->is_null()) {
    if (!m->is_string()) invalid(where + ".error_message", "must be a string");
    b.error_message = std::string(m->as_string());
  }
  b.chunk_delay_ms = integer(o, "chunk_delay_ms", where, 0, 60'000);
  b.chunk_bytes = integer(o, "chunk_bytes", where, 1, 16 * 1024 * 1024);
  b.answer_bytes = integer(o, "answer_bytes", where, 1, 64 * 1024 * 1024);
  if (auto n = integer(o, "stream_error_after", where, 0, 1'000'000)) b.stream_error_after = static_cast<int>(*n);
  if (auto n = integer(o, "stream_drop_after", where, 0, 1'000'000)) b.stream_drop_after = static_cast<int>(*n);
  return b;
}

std::string standard_message(int status) {
  switch (status) {
    case 400: return "Bad request";
    case 401: return "No auth credentials found";
    case 402: return "Insufficient credits";
    case 403: return "Forbidden";
    case 404: return "Model not found";
    case 408: return "Request timed out";
    case 429: return "Rate limit exceeded";
    case 502: return "Provider returned error";
    case 503: return "No available provider";
    default: return "Fake upstream error " + std::to_string(status);
  }
}

}  // namespace

fake_config parse_config(const json::value& body) {
  if (!body.is_object()) invalid("body", "must be a JSON object");
  const json::object& o = body.as_object();
  fake_config config;
  for (const auto& entry : o) {
    const std::string key(entry.key());
    if (key == "models") {
      if (!entry.value().is_object()) invalid("models", "must be an object");
      for (const auto& model : entry.value().as_object()) {
        const std::string name(model.key());
        config.models[name] = parse_behaviour(model.value(), "models." + name);
      }
    } else if (key == "default") {
      config.defaults = parse_behaviour(entry.value(), "default");
    } else if (key == "require_key") {
      if (entry.value().is_null()) continue;
      if (!entry.value().is_string()) invalid("require_key", "must be a string");
      config.require_key = std::string(entry.value().as_string());
    } else if (key == "key") {
      config.key = parse_key_behaviour(entry.value(), "key");
    } else {
      invalid(key, "unknown field");
    }
  }
  return config;
}

behaviour merge(const behaviour& fallback, const behaviour& specific) {
  behaviour out = fallback;
  if (specific.latency_ms) out.latency_ms = specific.latency_ms;
  if (specific.status) out.status = specific.status;
  if (specific.fail_times) out.fail_times = specific.fail_times;
  if (specific.retry_after) out.retry_after = specific.retry_after;
  if (specific.content) out.content = specific.content;
  if (specific.malformed) out.malformed = specific.malformed;
  if (specific.hang) out.hang = specific.hang;
  if (specific.error_message) out.error_message = specific.error_message;
  if (specific.chunk_delay_ms) out.chunk_delay_ms = specific.chunk_delay_ms;
  if (specific.chunk_bytes) out.chunk_bytes = specific.chunk_bytes;
  if (specific.answer_bytes) out.answer_bytes = specific.answer_bytes;
  if (specific.stream_error_after) out.stream_error_after = specific.stream_error_after;
  if (specific.stream_drop_after) out.stream_drop_after = specific.stream_drop_after;
  return out;
}

call_plan plan_call(const behaviour& b, int call_index) {
  call_plan plan;
  plan.latency = std::chrono::milliseconds(b.latency_ms.value_or(0));
  if (b.content && *b.content) plan.content = **b.content;
  plan.chunk_delay = std::chrono::milliseconds(b.chunk_delay_ms.value_or(0));
  plan.chunk_bytes = static_cast<std::size_t>(b.chunk_bytes.value_or(16));
  if (b.answer_bytes) plan.answer_bytes = static_cast<std::size_t>(*b.answer_bytes);
  const bool error_status = b.status && *b.status != 200;
  const bool null_content = b.content && !*b.content;
  const bool stream_fault = b.stream_error_after || b.stream_drop_after;
  const bool any_mode =
      error_status || b.malformed.value_or(false) || b.hang.value_or(false) || null_content || stream_fault;
  const bool misbehave = !b.fail_times || call_index < *b.fail_times;
  if (!misbehave || (!any_mode && !b.fail_times)) return plan;
  plan.stream_error_after = b.stream_error_after;
  plan.stream_drop_after = b.stream_drop_after;
  plan.hang = b.hang.value_or(false);
  plan.malformed = b.malformed.value_or(false);
  plan.null_content = null_content;
  if (error_status) {
    plan.status = *b.status;
  } else if (!any_mode) {
    plan.status = 500;
  }
  if (plan.status != 200) {
    plan.retry_after = b.retry_after;
    plan.error_message = b.error_message.value_or(standard_message(plan.status));
  } else if (plan.stream_error_after) {
    plan.error_message = b.error_message.value_or("Provider disconnected mid-stream");
  }
  return plan;
}

}  // namespace fake_openrouter
