// The texts sent to the models at each stage of the council, and title cleaning.
#pragma once
#include "council/values/chat_message.hpp"
#include "council/values/council_answer.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace council::run {

/// Stage 2: the question, the stage-1 answers labelled "Response A", ... (in order) and the
/// instruction to end with "FINAL RANKING:" and a numbered list of labels.
std::string ranking_prompt(std::string_view question, const std::vector<values::stage1_result>& stage1);
/// Stage 3: the question, every stage-1 answer and every stage-2 evaluation, asking the lead to synthesise.
std::string synthesis_prompt(std::string_view question, const std::vector<values::stage1_result>& stage1,
                             const std::vector<values::stage2_result>& stage2);
/// `messages` with `system_prompt` first as a system message (unchanged when there is none or it is empty). Sent to stage 1 and
/// stage 3; stage 2 and the title keep their own instructions only, so a conversation's system prompt cannot
/// break the FINAL RANKING format.
std::vector<values::chat_message> with_system_prompt(const std::optional<std::string>& system_prompt,
                                                     std::vector<values::chat_message> messages);
/// The title request for the first question of a conversation.
std::string title_prompt(std::string_view question);
/// Most characters a title may have.
constexpr std::size_t max_title_chars = 50;
/// A model's title answer cleaned: first non-empty line, no "Title:" prefix, no quotes or markdown,
/// no trailing period, at most 50 characters; empty when nothing usable remains.
std::string clean_title(std::string_view raw);
/// The title used when the title model fails: the question shortened to at most 50 characters.
std::string fallback_title(std::string_view question);

}  // namespace council::run
