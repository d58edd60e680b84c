// SSE line splitting (LF, CRLF or CR), event assembly and chunk reading of streamed completions.
#include "council/clients/completion_stream.hpp"
#include "council/clients/completion_parser.hpp"
#include "council/text/text.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <utility>

namespace council::clients {
namespace json = boost::json;

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

completion_stream::completion_stream(std::size_t max_answer_bytes, std::size_t max_line_bytes)
    : max_answer_bytes_(max_answer_bytes), max_line_bytes_(max_line_bytes) {}

void completion_stream::feed(std::string_view bytes) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < bytes.size() && !finished(); ++i) {
    const char c = bytes[i];
    if (c != '\n' && c != '\r') {
      after_cr_ = false;
      continue;
    }
    const bool second_half_of_crlf = c == '\n' && after_cr_ && i == start && line_.empty();
    after_cr_ = c == '\r';
    if (second_half_of_crlf) {
      start = i + 1;
      continue;
    }
    if (line_.size() + (i - start) > max_line_bytes_) {
      failure_ = "a line of the provider's stream is too long";
    } else if (line_.empty()) {
      take_line(bytes.substr(start, i - start));
    } else {
      line_.append(bytes.substr(start, i - start));
      std::string line = std::move(line_);
      line_.clear();
      take_line(line);
    }
    start = i + 1;
  }
  if (finished() || start >= bytes.size()) return;
  line_.append(bytes.substr(start));
  if (line_.size() > max_line_bytes_) failure_ = "a line of the provider's stream is too long";
}

void completion_stream::take_line(std::string_view line) {
  if (line.empty()) {
    dispatch();
    return;
  }
  if (line.front() == ':') return;
  const std::size_t colon = line.find(':');
  const std::string_view name = line.substr(0, colon);
  if (name != "data") return;
  std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (has_data_) data_ += '\n';
  data_.append(value);
  has_data_ = true;
  if (data_.size() > max_line_bytes_) failure_ = "a line of the provider's stream is too long";
}

void completion_stream::dispatch() {
  if (!has_data_) return;
  const std::string data = std::move(data_);
  data_.clear();
  has_data_ = false;
  if (data == "[DONE]") {
    done_ = true;
    return;
  }
  boost::system::error_code ec;
  const json::value chunk = json::parse(data, ec);
  if (ec || !chunk.is_object()) {
    failure_ = "malformed JSON in the provider's response";
    return;
  }
  if (auto usage = usage_of(chunk)) usage_ = *usage;
  if (auto error = provider_error_of(chunk)) {
    failure_ = std::move(*error);
    return;
  }
  const json::value* choices = chunk.get_object().if_contains("choices");
  if (!choices || !choices->is_array() || choices->get_array().empty()) return;
  const json::object* choice = choices->get_array()[0].if_object();
  const json::value* delta = choice ? choice->if_contains("delta") : nullptr;
  const json::value* content = delta && delta->is_object() ? delta->get_object().if_contains("content") : nullptr;
  if (content && content->is_string()) append(content->get_string());
}

void completion_stream::append(std::string_view delta) {
  const std::size_t room = max_answer_bytes_ - content_.size();
  if (delta.size() <= room) {
    content_.append(delta);
    return;
  }
  content_.append(utf8_prefix(delta, room));
  cut_ = true;
}

text::text_result completion_stream::finish() {
  if (failure_) return text::text_failure(*failure_);
  if (!done_ && !cut_) {
    if (!line_.empty()) take_line(std::exchange(line_, std::string()));
    dispatch();
    if (failure_) return text::text_failure(*failure_);
    if (!done_) return text::text_failure("the provider's stream ended before [DONE]");
  }
  if (content_.empty()) return text::text_failure("the model returned no content");
  if (text::is_blank(content_)) return text::text_failure("the model returned empty content");
  return text::text_value(std::move(content_));
}

}  // namespace council::clients
