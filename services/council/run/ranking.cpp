// FINAL RANKING parsing with its two fallbacks, and the average-rank aggregation of stage 2.
#include "council/run/ranking.hpp"
#include <algorithm>
#include <cctype>
#include <cmath>

namespace council::run {
namespace {

constexpr std::string_view response_word = "Response ";
constexpr std::string_view ranking_header = "FINAL RANKING:";

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

/// If "Response X" (X an uppercase letter not followed by a letter or digit) starts at `pos`, its label.
std::optional<std::string> label_at(std::string_view text, std::size_t pos) {
  if (text.substr(pos, response_word.size()) != response_word) return std::nullopt;
  std::size_t letter = pos + response_word.size();
  if (letter >= text.size() || text[letter] < 'A' || text[letter] > 'Z') return std::nullopt;
  if (letter + 1 < text.size() && is_alnum(text[letter + 1])) return std::nullopt;
  if (pos > 0 && is_alnum(text[pos - 1])) return std::nullopt;
  return std::string(text.substr(pos, response_word.size() + 1));
}

void add_once(std::vector<std::string>& labels, std::string label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
}

std::vector<std::string> any_labels(std::string_view text) {
  std::vector<std::string> labels;
  for (std::size_t pos = text.find(response_word); pos != std::string_view::npos; pos = text.find(response_word, pos + 1))
    if (auto label = label_at(text, pos)) add_once(labels, std::move(*label));
  return labels;
}

/// A line such as "1. Response C", "2) **Response A**" or "3.Response B - best": its label.
std::optional<std::string> numbered_label(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '*' || line[i] == '-')) ++i;
  std::size_t digits = i;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i == digits || i >= line.size() || (line[i] != '.' && line[i] != ')')) return std::nullopt;
  ++i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '*' || line[i] == '[')) ++i;
  return label_at(line, i);
}

std::vector<std::string> numbered_labels(std::string_view section) {
  std::vector<std::string> labels;
  while (!section.empty()) {
    std::size_t end = section.find('\n');
    std::string_view line = section.substr(0, end);
    if (auto label = numbered_label(line)) add_once(labels, std::move(*label));
    if (end == std::string_view::npos) break;
    section.remove_prefix(end + 1);
  }
  return labels;
}

}  // namespace

std::string label_for(std::size_t index) {
  std::string label(response_word);
  label.push_back(static_cast<char>('A' + index));
  return label;
}

values::label_map assign_labels(const std::vector<values::stage1_result>& stage1) {
  values::label_map labels;
  for (std::size_t i = 0; i < stage1.size(); ++i) labels.emplace(label_for(i), stage1[i].model);
  return labels;
}

std::vector<std::string> parse_ranking(std::string_view text) {
  if (std::size_t header = text.rfind(ranking_header); header != std::string_view::npos) {
    std::string_view section = text.substr(header + ranking_header.size());
    if (auto numbered = numbered_labels(section); !numbered.empty()) return numbered;
    if (auto after = any_labels(section); !after.empty()) return after;
  }
  return any_labels(text);
}

std::vector<values::aggregate_rank> aggregate_rankings(const std::vector<values::stage2_result>& stage2,
                                                       const values::label_map& labels, bool exclude_self_votes) {
  struct tally {
    std::string model;
    int sum = 0;
    int count = 0;
  };
  std::vector<tally> tallies;
  for (const auto& [label, model] : labels) tallies.push_back({model, 0, 0});
  auto index_of = [&](const std::string& label) {
    return static_cast<std::size_t>(std::distance(labels.begin(), labels.find(label)));
  };
  for (const auto& result : stage2) {
    int position = 0;
    for (const auto& label : result.parsed_ranking) {
      if (!labels.contains(label)) continue;
      if (exclude_self_votes && labels.at(label) == result.model) continue;
      auto& t = tallies[index_of(label)];
      t.sum += ++position;
      ++t.count;
    }
  }
  std::vector<values::aggregate_rank> out;
  for (const auto& t : tallies) {
    if (t.count == 0) continue;
    double average = static_cast<double>(t.sum) / t.count;
    out.push_back({t.model, std::round(average * 100.0) / 100.0, t.count});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.average_rank < b.average_rank; });
  return out;
}

}  // namespace council::run
