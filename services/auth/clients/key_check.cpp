// Interpretation of the provider's key answers (no I/O).
#include "auth/clients/key_check.hpp"
#include <boost/json/parse.hpp>
#include <cmath>

namespace auth::clients {
namespace {

namespace json = boost::json;

constexpr std::size_t max_reason_chars = 200;

/// `text` without control characters, trailing dots and spaces, and at most max_reason_chars long.
std::string sentence_safe(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, max_reason_chars))
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

std::optional<double> number_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  double d = v->to_number<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

std::string error_message(const json::value& body) {
  const json::object* o = body.if_object();
  const json::value* error = o ? o->if_contains("error") : nullptr;
  const json::object* inner = error ? error->if_object() : nullptr;
  const json::value* message = inner ? inner->if_contains("message") : nullptr;
  if (message == nullptr || !message->is_string()) return {};
  return sentence_safe(message->get_string());
}

}  // namespace

key_check read_key_answer(int status, std::string_view body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  key_check out;
  if (status == 200) {
    out.verdict = key_verdict::accepted;
    const json::object* o = ec ? nullptr : parsed.if_object();
    const json::value* data = o ? o->if_contains("data") : nullptr;
    if (data != nullptr && data->is_object()) {
      out.limit = number_at(data->get_object(), "limit");
      out.usage = number_at(data->get_object(), "usage");
    }
    return out;
  }
  if (status == 401 || status == 403) {
    out.verdict = key_verdict::rejected;
    out.reason = ec ? std::string() : error_message(parsed);
    if (out.reason.empty()) out.reason = "HTTP " + std::to_string(status);
    return out;
  }
  out.verdict = key_verdict::unavailable;
  out.reason = "it answered HTTP " + std::to_string(status);
  return out;
}

}  // namespace auth::clients
