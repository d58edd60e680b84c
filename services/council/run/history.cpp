// Builds the stage-1 chat history from stored messages, keeping the newest turns within the budget.
#include "council/run/history.hpp"
#include "council/text/text.hpp"
#include <algorithm>

namespace council::run {

std::vector<turn> turns_of(const std::vector<values::stored_message>& messages) {
  std::vector<turn> turns;
  for (std::size_t i = 0; i + 1 < messages.size(); ++i) {
    if (messages[i].role == "user" && messages[i + 1].role == "assistant") {
      turns.push_back({messages[i].text, messages[i + 1].text});
      ++i;
    }
  }
  return turns;
}

std::vector<values::chat_message> history_messages(const std::vector<turn>& turns, std::size_t budget_chars) {
  std::size_t used = 0;
  std::size_t first_kept = turns.size();
  while (first_kept > 0) {
    const auto& t = turns[first_kept - 1];
    std::size_t size = text::char_count(t.question) + text::char_count(t.answer);
    if (used + size > budget_chars) break;
    used += size;
    --first_kept;
  }
  std::vector<values::chat_message> out;
  for (std::size_t i = first_kept; i < turns.size(); ++i) {
    out.push_back({"user", turns[i].question});
    out.push_back({"assistant", turns[i].answer});
  }
  return out;
}

}  // namespace council::run
