// Deciding between a streamed and a JSON body, and cutting answers at the cap.
#include "council/clients/answer_collector.hpp"
#include "council/clients/completion_parser.hpp"

namespace council::clients {

std::size_t completion_body_limit(std::size_t max_answer_bytes) { return max_answer_bytes * 6 + 64 * 1024; }

collected_answer collect_json(std::string_view body, std::size_t max_answer_bytes) {
  collected_answer out;
  completion_result read = read_completion(body);
  if (!read) {
    out.content = text::text_failure(read.error());
    return out;
  }
  out.usage = read->usage;
  std::string& content = read->content;
  if (content.size() > max_answer_bytes) {
    content.resize(utf8_prefix(content, max_answer_bytes).size());
    content.shrink_to_fit();
    out.cut = true;
  }
  out.content = text::text_value(std::move(content));
  return out;
}

answer_collector::answer_collector(std::size_t max_answer_bytes)
    : max_answer_bytes_(max_answer_bytes), stream_(max_answer_bytes, completion_body_limit(max_answer_bytes)) {}

bool answer_collector::feed(std::string_view bytes) {
  if (kind_ == kind::unknown) {
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos) kind_ = bytes[first] == '{' ? kind::json : kind::events;
  }
  if (kind_ == kind::json) {
    if (json_.size() + bytes.size() > completion_body_limit(max_answer_bytes_)) {
      too_long_ = true;
      return false;
    }
    json_.append(bytes);
    return true;
  }
  stream_.feed(bytes);
  return !stream_.finished();
}

collected_answer answer_collector::finish() {
  if (too_long_) {
    collected_answer out;
    out.content = text::text_failure("the provider's response is longer than " +
                                     std::to_string(completion_body_limit(max_answer_bytes_)) + " bytes");
    return out;
  }
  if (kind_ == kind::json) return collect_json(json_, max_answer_bytes_);
  collected_answer out;
  out.cut = stream_.cut();
  out.usage = stream_.usage();
  out.content = stream_.finish();
  return out;
}

}  // namespace council::clients
