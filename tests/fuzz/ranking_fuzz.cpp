// Fuzz target: stage-2 ranking texts (FINAL RANKING parsing) and the aggregation of the parsed rankings.
// Input: one byte choosing how many models answered (1..8), then ranking texts separated by NUL bytes.
#include "council/run/ranking.hpp"
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A parsed ranking holds distinct "Response X" labels, X in A..Z.
void check_labels(const std::vector<std::string>& labels) {
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i];
    if (label.size() != 10 || label.compare(0, 9, "Response ") != 0 || label[9] < 'A' || label[9] > 'Z') __builtin_trap();
    for (std::size_t j = 0; j < i; ++j)
      if (labels[j] == label) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t models = data[0] % 8 + 1;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::vector<council::values::stage1_result> stage1;
  for (std::size_t i = 0; i < models; ++i) stage1.push_back({"vendor/model-" + std::to_string(i), "answer"});
  const auto labels = council::run::assign_labels(stage1);

  std::vector<council::values::stage2_result> stage2;
  while (true) {
    const auto end = rest.find('\0');
    const std::string_view text = rest.substr(0, end);
    auto parsed = council::run::parse_ranking(text);
    check_labels(parsed);
    stage2.push_back({"vendor/judge", std::string(text), std::move(parsed)});
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }

  const auto aggregate = council::run::aggregate_rankings(stage2, labels);
  if (aggregate.size() > models) __builtin_trap();
  for (std::size_t i = 0; i < aggregate.size(); ++i) {
    const auto& rank = aggregate[i];
    if (rank.rankings_count < 1 || static_cast<std::size_t>(rank.rankings_count) > stage2.size()) __builtin_trap();
    if (rank.average_rank < 1.0 || rank.average_rank > static_cast<double>(models)) __builtin_trap();
    if (i > 0 && aggregate[i - 1].average_rank > rank.average_rank) __builtin_trap();
  }
  return 0;
}
