// Chat history for stage 1: earlier turns (question + the council's final answer), newest kept within a budget.
#pragma once
#include "council/values/chat_message.hpp"
#include "council/values/stored_message.hpp"
#include <cstddef>
#include <string>
#include <vector>

namespace council::run {

/// One earlier exchange.
struct turn {
  std::string question;
  std::string answer;
};

/// Pairs each user message with the assistant message that directly follows it; questions
/// left without an answer (failed runs) are skipped.
std::vector<turn> turns_of(const std::vector<values::stored_message>& messages);
/// The newest turns whose questions and answers together fit in `budget_chars` characters, as
/// alternating user/assistant messages, oldest first. A turn that does not fit ends the history.
std::vector<values::chat_message> history_messages(const std::vector<turn>& turns, std::size_t budget_chars);

}  // namespace council::run
