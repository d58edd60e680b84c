// Rules for new conversations (model selection) and new messages (content).
#pragma once
#include "council/values/model_catalog.hpp"
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
/// The 422 detail when `content` holds a NUL character, is blank or is longer than `max_chars` characters, else nullopt.
std::optional<std::string> content_problem(std::string_view content, std::size_t max_chars);

}  // namespace council::domain
