// Rules for new conversations (model selection, council settings) and new messages (content).
#pragma once
#include "council/values/model_catalog.hpp"
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace council::domain {

/// The models a conversation will use.
struct model_choice {
  std::vector<std::string> models;
  std::string lead_model;
};

/// Applies defaults and checks the selection; the error is the 400 detail
/// (`Unknown model: <m>`, `Select at least two models`, `Unknown lead model: <m>`). Duplicates are dropped.
boost::system::result<model_choice, std::string> choose_models(std::optional<std::vector<std::string>> requested,
                                                                std::optional<std::string> lead,
                                                                const values::model_catalog& config);
/// Most characters of a conversation's system prompt.
constexpr std::size_t max_system_prompt_chars = 4000;

/// A conversation's council settings (docs/api.md, "Conversation settings").
struct council_settings {
  std::optional<std::string> system_prompt;
  std::optional<double> temperature;
  std::optional<long long> max_tokens;
  bool exclude_self_votes = false;
};

/// Checks the requested settings (absent or null: none; exclude_self_votes defaults to false); the error is the
/// 422 detail naming the field: a system prompt over 4000 characters, a temperature that is not a number from 0
/// to 2, max_tokens that is not an integer from 1 to 32000.
boost::system::result<council_settings, std::string> choose_settings(std::optional<std::string> system_prompt,
                                                                      const std::optional<boost::json::value>& temperature,
                                                                      const std::optional<boost::json::value>& max_tokens,
                                                                      std::optional<bool> exclude_self_votes);
/// The 422 detail when `content` holds a NUL character, is blank or is longer than `max_chars` characters, else nullopt.
std::optional<std::string> content_problem(std::string_view content, std::size_t max_chars);

}  // namespace council::domain
