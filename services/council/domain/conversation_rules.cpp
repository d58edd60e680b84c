// Model selection defaults and checks; message content checks.
#include "council/domain/conversation_rules.hpp"
#include "council/text/text.hpp"
#include <algorithm>
#include <cmath>

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

namespace {

/// `v` as a whole number of at most 15 digits, when it is one (an integral double such as 100.0 counts).
std::optional<long long> whole_number(const boost::json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (!v.is_double()) return std::nullopt;
  const double d = v.get_double();
  if (std::trunc(d) != d || std::abs(d) >= 1e15) return std::nullopt;
  return static_cast<long long>(d);
}

}  // namespace

boost::system::result<council_settings, std::string> choose_settings(std::optional<std::string> system_prompt,
                                                                      const std::optional<boost::json::value>& temperature,
                                                                      const std::optional<boost::json::value>& max_tokens,
                                                                      std::optional<bool> exclude_self_votes) {
  using out = boost::system::result<council_settings, std::string>;
  auto refuse = [](std::string reason) { return out(boost::system::in_place_error, std::move(reason)); };
  council_settings settings;
  if (system_prompt && text::char_count(*system_prompt) > max_system_prompt_chars)
    return refuse("system_prompt: must be at most " + std::to_string(max_system_prompt_chars) + " characters");
  settings.system_prompt = std::move(system_prompt);
  if (temperature && !temperature->is_null()) {
    if (!temperature->is_number()) return refuse("temperature: must be a number from 0 to 2");
    const double t = temperature->to_number<double>();
    if (!(t >= 0 && t <= 2)) return refuse("temperature: must be a number from 0 to 2");
    settings.temperature = t;
  }
  if (max_tokens && !max_tokens->is_null()) {
    auto n = whole_number(*max_tokens);
    if (!n || *n < 1 || *n > 32000) return refuse("max_tokens: must be an integer from 1 to 32000");
    settings.max_tokens = n;
  }
  settings.exclude_self_votes = exclude_self_votes.value_or(false);
  return settings;
}

std::optional<std::string> content_problem(std::string_view content, std::size_t max_chars) {
  if (content.find('\0') != std::string_view::npos)
    return std::string("The question contains a NUL character (U+0000), which is not allowed.");
  if (text::is_blank(content)) return std::string("content: must not be empty");
  if (text::char_count(content) > max_chars) return "content: must be at most " + std::to_string(max_chars) + " characters";
  return std::nullopt;
}

}  // namespace council::domain
