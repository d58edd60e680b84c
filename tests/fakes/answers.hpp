// Deterministic answers of the fake OpenRouter: stage-2 rankings, titles and plain demo answers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fake_openrouter {

/// The `Response X` labels a ranking prompt asks about, sorted: labels used as line headings
/// ("Response A:" at the start of a line) when there are any, else every `Response X` mentioned.
std::vector<std::string> response_labels(std::string_view prompt);

/// A short evaluation of each label ending with "FINAL RANKING:" and a numbered list of every label,
/// ordered by a permutation that depends only on `model`.
std::string ranking_answer(std::string_view model, std::string_view prompt);

/// A 3-4 word title (no quotes, at most 50 characters) drawn from the question in `prompt`.
std::string title_answer(std::string_view prompt);

/// "Demo answer from <model>: ..." saying plainly that it is a demo answer.
std::string demo_answer(std::string_view model, std::string_view prompt);

/// The answer for `prompt` (the last user message): ranking, title or demo answer.
std::string default_answer(std::string_view model, std::string_view prompt);

}  // namespace fake_openrouter
