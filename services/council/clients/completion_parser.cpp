// Extracts the answer or the provider's error message from upstream response bodies.
#include "council/clients/completion_parser.hpp"
#include "common/http/message.hpp"
#include "council/text/text.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

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

text::text_result parse_completion(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return text::text_failure("malformed JSON in the provider's response");
  if (!v.is_object()) return text::text_failure("unexpected response shape (not a JSON object)");
  if (v.as_object().contains("error")) return text::text_failure("provider error: " + error_text(v).value_or("unknown"));
  const auto* choices = v.as_object().if_contains("choices");
  if (!choices || !choices->is_array() || choices->as_array().empty())
    return text::text_failure("the response has no choices");
  const auto* choice = choices->as_array()[0].if_object();
  const json::value* message = choice ? choice->if_contains("message") : nullptr;
  const json::value* content = message && message->is_object() ? message->as_object().if_contains("content") : nullptr;
  if (!content || content->is_null()) return text::text_failure("the model returned no content");
  if (!content->is_string()) return text::text_failure("the model's content is not text");
  if (text::is_blank(content->get_string())) return text::text_failure("the model returned empty content");
  return text::text_value(std::string(content->get_string()));
}

std::string provider_message(int status, std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (!ec)
    if (auto text = error_text(v)) return text::shorten(*text, 300);
  if (!text::is_blank(body)) return text::shorten(body, 300);
  return std::string(common::http::reason(status));
}

}  // namespace council::clients
