// Extracts the answer or the provider's error message from upstream response bodies.
#include "council/clients/completion_parser.hpp"
#include "common/http/message.hpp"
#include "council/text/text.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace council::clients {
namespace json = boost::json;

namespace {

std::optional<std::string> error_text(const json::value& v) {
  const auto* obj = v.if_object();
  if (!obj) return std::nullopt;
  if (const auto* err = obj->if_contains("error")) {
    if (err->is_string()) return std::string(err->get_string());
    if (const auto* eo = err->if_object())
      if (const auto* m = eo->if_contains("message"); m && m->is_string()) return std::string(m->get_string());
    return std::string("the provider reported an error");
  }
  for (const char* key : {"detail", "message"})
    if (const auto* m = obj->if_contains(key); m && m->is_string()) return std::string(m->get_string());
  return std::nullopt;
}

}  // namespace

namespace {

long long count_of(const json::object& usage, std::string_view key) {
  const json::value* v = usage.if_contains(key);
  if (v && v->is_int64() && v->get_int64() >= 0) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<long long>(std::min<std::uint64_t>(v->get_uint64(), INT64_MAX));
  return 0;
}

double cost_of(const json::object& usage) {
  const json::value* v = usage.if_contains("cost");
  if (!v || !v->is_number()) return 0.0;
  const double cost = v->to_number<double>();
  return std::isfinite(cost) && cost > 0.0 ? cost : 0.0;
}

}  // namespace

std::optional<upstream_usage> usage_of(const json::value& chunk) {
  const json::object* obj = chunk.if_object();
  const json::value* usage = obj ? obj->if_contains("usage") : nullptr;
  if (!usage || !usage->is_object()) return std::nullopt;
  return upstream_usage{count_of(usage->get_object(), "prompt_tokens"), count_of(usage->get_object(), "completion_tokens"),
                        cost_of(usage->get_object())};
}

std::optional<std::string> provider_error_of(const json::value& body) {
  if (!body.is_object() || !body.get_object().contains("error")) return std::nullopt;
  return "provider error: " + error_text(body).value_or("unknown");
}

completion_result read_completion(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return completion_result(boost::system::in_place_error, "malformed JSON in the provider's response");
  if (!v.is_object()) return completion_result(boost::system::in_place_error, "unexpected response shape (not a JSON object)");
  if (auto error = provider_error_of(v)) return completion_result(boost::system::in_place_error, std::move(*error));
  const auto* choices = v.as_object().if_contains("choices");
  if (!choices || !choices->is_array() || choices->as_array().empty())
    return completion_result(boost::system::in_place_error, "the response has no choices");
  const auto* choice = choices->as_array()[0].if_object();
  const json::value* message = choice ? choice->if_contains("message") : nullptr;
  const json::value* content = message && message->is_object() ? message->as_object().if_contains("content") : nullptr;
  if (!content || content->is_null()) return completion_result(boost::system::in_place_error, "the model returned no content");
  if (!content->is_string()) return completion_result(boost::system::in_place_error, "the model's content is not text");
  if (text::is_blank(content->get_string()))
    return completion_result(boost::system::in_place_error, "the model returned empty content");
  return completion{std::string(content->get_string()), usage_of(v)};
}

text::text_result parse_completion(std::string_view body) {
  completion_result read = read_completion(body);
  if (!read) return text::text_failure(read.error());
  return text::text_value(std::move(read->content));
}

std::string provider_message(int status, std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (!ec)
    if (auto text = error_text(v); text && !text::is_blank(*text)) return text::shorten(*text, 300);
  if (!text::is_blank(body)) return text::shorten(body, 300);
  return std::string(common::http::reason(status));
}

}  // namespace council::clients
