// Stage-2 bookkeeping, pure: anonymous labels, FINAL RANKING parsing, aggregate rankings.
#pragma once
#include "council/values/council_answer.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace council::run {

/// "Response A" for index 0, "Response B" for 1, ... (index < 26).
std::string label_for(std::size_t index);
/// Labels the stage-1 answers in order: {"Response A": model of stage1[0], ...}.
values::label_map assign_labels(const std::vector<values::stage1_result>& stage1);
/// Labels ranked best first, each once. Tries, in order: the numbered list after the last
/// "FINAL RANKING:", any "Response X" after it, any "Response X" in the whole text.
std::vector<std::string> parse_ranking(std::string_view text);
/// Average position (1 = best) of each ranked model over every parsed ranking, counting only
/// labels of `labels`; rounded to 2 decimals, ascending, ties in label order; unranked models omitted.
/// With `exclude_self_votes`, each ranking leaves out the label of its own model's answer and the others move up.
std::vector<values::aggregate_rank> aggregate_rankings(const std::vector<values::stage2_result>& stage2,
                                                       const values::label_map& labels, bool exclude_self_votes = false);

}  // namespace council::run
