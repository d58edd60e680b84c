// Model selection defaults and checks; message content checks.
#include "council/domain/conversation_rules.hpp"
#include "council/text/text.hpp"
#include <algorithm>

namespace council::domain {

boost::system::result<model_choice, std::string> choose_models(std::optional<std::vector<std::string>> requested,
                                                                std::optional<std::string> lead,
                                                                const values::model_catalog& config) {
  auto known = [&](const std::string& m) { return std::find(config.models.begin(), config.models.end(), m) != config.models.end(); };
  using out = boost::system::result<model_choice, std::string>;
  auto refuse = [](std::string reason) { return out(boost::system::in_place_error, std::move(reason)); };
  model_choice choice;
  for (auto& m : requested ? *requested : config.default_models) {
    if (!known(m)) return refuse("Unknown model: " + m);
    if (std::find(choice.models.begin(), choice.models.end(), m) == choice.models.end()) choice.models.push_back(m);
  }
  if (choice.models.size() < 2) return refuse("Select at least two models");
  choice.lead_model = lead ? *lead : config.lead_model;
  if (!known(choice.lead_model)) return refuse("Unknown lead model: " + choice.lead_model);
  return choice;
}

std::optional<std::string> content_problem(std::string_view content, std::size_t max_chars) {
  if (content.find('\0') != std::string_view::npos)
    return std::string("The question contains a NUL character (U+0000), which is not allowed.");
  if (text::is_blank(content)) return std::string("content: must not be empty");
  if (text::char_count(content) > max_chars) return "content: must be at most " + std::to_string(max_chars) + " characters";
  return std::nullopt;
}

}  // namespace council::domain
