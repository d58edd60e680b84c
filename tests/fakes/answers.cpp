// Deterministic answers of the fake OpenRouter (pure functions, unit-tested in tests/unit/fakes).
#include "fakes/answers.hpp"
#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

namespace fake_openrouter {
namespace {

constexpr std::string_view label_prefix = "Response ";
constexpr std::size_t max_title_word = 15;

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool only_decoration(std::string_view text) {
  return text.find_first_not_of(" \t#*>-") == std::string_view::npos;
}

/// The text after the last "Question:", else the longest paragraph that is not about the title, else all.
std::string_view question_of(std::string_view prompt) {
  if (auto at = prompt.rfind("Question:"); at != std::string_view::npos) {
    std::string_view rest = prompt.substr(at + 9);
    rest.remove_prefix(std::min(rest.find_first_not_of(" \t\r\n"), rest.size()));
    return rest.substr(0, rest.find('\n'));
  }
  std::string_view best;
  std::string_view rest = prompt;
  while (!rest.empty()) {
    const std::size_t end = rest.find("\n\n");
    std::string_view paragraph = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
    if (lower(paragraph).find("title") == std::string::npos && paragraph.size() > best.size()) best = paragraph;
  }
  return best.empty() ? prompt : best;
}

std::string first_line_excerpt(std::string_view text, std::size_t limit) {
  text.remove_prefix(std::min(text.find_first_not_of(" \t\r\n"), text.size()));
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.size() <= limit) return std::string(line);
  return std::string(line.substr(0, limit)) + "...";
}

}  // namespace

std::vector<std::string> response_labels(std::string_view prompt) {
  std::set<char> headings;
  std::set<char> mentions;
  for (std::size_t at = prompt.find(label_prefix); at != std::string_view::npos;
       at = prompt.find(label_prefix, at + 1)) {
    const std::size_t letter_at = at + label_prefix.size();
    if (letter_at >= prompt.size()) break;
    const char letter = prompt[letter_at];
    if (letter < 'A' || letter > 'Z') continue;
    const char after = letter_at + 1 < prompt.size() ? prompt[letter_at + 1] : '\n';
    if (is_alnum(after)) continue;
    if (at > 0 && is_alnum(prompt[at - 1])) continue;
    mentions.insert(letter);
    const std::size_t line_start = at == 0 ? 0 : prompt.rfind('\n', at - 1) + 1;
    const bool heading_end = after == '\n' || after == '\r' || after == ':' || after == '*';
    if (heading_end && only_decoration(prompt.substr(line_start, at - line_start))) headings.insert(letter);
  }
  const std::set<char>& chosen = headings.empty() ? mentions : headings;
  std::vector<std::string> labels;
  for (char letter : chosen) labels.push_back(std::string(label_prefix) + letter);
  return labels;
}

std::string ranking_answer(std::string_view model, std::string_view prompt) {
  static constexpr std::array<std::string_view, 5> verdicts = {
      "gives a clear, well-structured answer with sound reasoning.",
      "covers the main points but misses some nuance.",
      "is accurate but rather brief.",
      "offers useful examples, though parts are less precise.",
      "is plausible but weaker on the details than the others.",
  };
  const std::vector<std::string> labels = response_labels(prompt);
  std::vector<std::string> order = labels;
  std::uint64_t state = fnv1a(model);
  for (std::size_t i = order.size(); i > 1; --i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    std::swap(order[i - 1], order[(state >> 33) % i]);
  }
  std::string text = "Demo evaluation by " + std::string(model) + " (a demo answer from the fake OpenRouter).\n\n";
  for (const std::string& label : labels) {
    const std::string key = std::string(model) + "/" + label;
    text += label + " " + std::string(verdicts[fnv1a(key) % verdicts.size()]) + "\n";
  }
  text += "\nFINAL RANKING:\n";
  for (std::size_t i = 0; i < order.size(); ++i) text += std::to_string(i + 1) + ". " + order[i] + "\n";
  return text;
}

std::string title_answer(std::string_view prompt) {
  static const std::set<std::string, std::less<>> stop_words = {
      "the",  "and",  "for",  "what", "how",  "why",   "with", "that", "this",  "are",   "you",
      "your", "can",  "does", "from", "about", "into", "when", "which", "who", "is",   "was",
      "should", "would", "could", "there", "their", "have", "has", "will", "between", "some", "any"};
  const std::string_view question = question_of(prompt);
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !stop_words.contains(lower(word)) && words.size() < 3) {
      word[0] = static_cast<char>(word[0] >= 'a' && word[0] <= 'z' ? word[0] - 'a' + 'A' : word[0]);
      words.push_back(word.substr(0, max_title_word));
    }
    word.clear();
  };
  for (char c : question) {
    if (is_alnum(c)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  for (std::string_view filler : {"Demo", "Council", "Discussion"}) {
    if (words.size() >= 3) break;
    if (std::find(words.begin(), words.end(), filler) == words.end()) words.emplace_back(filler);
  }
  return words[0] + " " + words[1] + " " + words[2];
}

std::string demo_answer(std::string_view model, std::string_view prompt) {
  return "Demo answer from " + std::string(model) +
         ": this is a demo answer from the fake OpenRouter, not a real model. It was asked \"" +
         first_line_excerpt(question_of(prompt), 160) +
         "\". With a real OpenRouter key each council member would answer here in its own words.";
}

std::string default_answer(std::string_view model, std::string_view prompt) {
  const std::string folded = lower(prompt);
  const bool synthesis = folded.find("synthesize") != std::string::npos;  // stage 3 quotes the rankings
  if (!synthesis && prompt.find("FINAL RANKING:") != std::string_view::npos) return ranking_answer(model, prompt);
  const bool about_title = folded.find("title") != std::string::npos;
  if (about_title && (folded.find("conversation") != std::string::npos ||
                      folded.find("short title") != std::string::npos)) {
    return title_answer(prompt);
  }
  return demo_answer(model, prompt);
}

}  // namespace fake_openrouter
