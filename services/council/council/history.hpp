// Chat history for stage 1: earlier turns (question + the council's final answer), newest kept within a budget.
#pragma once
#include "council/council/types.hpp"
#include <cstddef>
#include <string>
#include <vector>

namespace council::council {

/// A stored message as history sees it: the user's question, or the assistant's final answer (stage 3).
struct stored_message {
  std::string role;  // "user" or "assistant"
  std::string text;
};

/// One earlier exchange.
struct turn {
  std::string question;
  std::string answer;
};

/// Pairs each user message with the assistant message that directly follows it; questions
/// left without an answer (failed runs) are skipped.
std::vector<turn> turns_of(const std::vector<stored_message>& messages);
/// The newest turns whose questions and answers together fit in `budget_chars` characters, as
/// alternating user/assistant messages, oldest first. A turn that does not fit ends the history.
std::vector<chat_message> history_messages(const std::vector<turn>& turns, std::size_t budget_chars);

}  // namespace council::council
