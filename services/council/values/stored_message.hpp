// A stored message as the stage-1 history sees it (read by storage, used by the run).
#pragma once
#include <boost/describe/class.hpp>
#include <string>

namespace council::values {

/// The user's question, or the assistant's final answer (stage 3).
struct stored_message {
  std::string role;  // "user" or "assistant"
  std::string text;
};
BOOST_DESCRIBE_STRUCT(stored_message, (), (role, text))

}  // namespace council::values
