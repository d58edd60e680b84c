// Prompt texts of the three stages and of the title, following the original llm-council wording closely.
#include "council/run/prompts.hpp"
#include "council/run/ranking.hpp"
#include "council/text/text.hpp"
#include <algorithm>
#include <cctype>

namespace council::run {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

/// Removes every quote character (ASCII and typographic) and markdown emphasis marks.
std::string strip_quotes_and_marks(std::string_view s) {
  static constexpr std::string_view multi_byte_quotes[] = {"\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb"};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool skipped = false;
    for (auto q : multi_byte_quotes) {
      if (s.substr(i, q.size()) == q) {
        i += q.size();
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    char c = s[i++];
    if (c == '"' || c == '`' || c == '*' || c == '#' || c == '_') continue;
    if (c == '\'' && (out.empty() || i >= s.size() || s[i] == ' ' || out.back() == ' ')) continue;  // quote, not apostrophe
    out.push_back(c);
  }
  return out;
}

/// More than the fixed wording of any stage prompt plus the labels and model names around each text.
constexpr std::size_t prompt_overhead = 4096;

/// Bytes of the answers (and rankings, when given) a prompt embeds, with room for each one's heading.
std::size_t texts_size(const std::vector<values::stage1_result>& stage1, const std::vector<values::stage2_result>* stage2) {
  std::size_t size = 0;
  for (const auto& r : stage1) size += r.response.size() + r.model.size() + 32;
  if (stage2)
    for (const auto& r : *stage2) size += r.ranking.size() + r.model.size() + 32;
  return size;
}

}  // namespace

std::string ranking_prompt(std::string_view question, const std::vector<values::stage1_result>& stage1) {
  std::string p;
  p.reserve(prompt_overhead + question.size() + texts_size(stage1, nullptr));
  p += "You are evaluating different responses to the following question:\n\nQuestion: ";
  p += question;
  p += "\n\nHere are the responses from different models (anonymized):\n\n";
  for (std::size_t i = 0; i < stage1.size(); ++i) {
    if (i > 0) p += "\n\n";
    p += label_for(i);
    p += ":\n";
    p += stage1[i].response;
  }
  p += "\n\nYour task:\n"
       "1. First, evaluate each response individually. For each response, explain what it does well and what it does poorly.\n"
       "2. Then, at the very end of your response, provide a final ranking.\n\n"
       "IMPORTANT: Your final ranking MUST be formatted EXACTLY as follows:\n"
       "- Start with the line \"FINAL RANKING:\" (all caps, with colon)\n"
       "- Then list the responses from best to worst as a numbered list\n"
       "- Each line should be: number, period, space, then ONLY the response label (e.g., \"1. Response A\")\n"
       "- Do not add any other text or explanations in the ranking section\n\n"
       "Example of the correct format for your ENTIRE response:\n\n"
       "Response A provides good detail on X but misses Y...\n"
       "Response B is accurate but lacks depth on Z...\n"
       "Response C offers the most comprehensive answer...\n\n"
       "FINAL RANKING:\n1. Response C\n2. Response A\n3. Response B\n\n"
       "Now provide your evaluation and ranking:";
  return p;
}

std::string synthesis_prompt(std::string_view question, const std::vector<values::stage1_result>& stage1,
                             const std::vector<values::stage2_result>& stage2) {
  std::string p;
  p.reserve(prompt_overhead + question.size() + texts_size(stage1, &stage2));
  p += "You are the Chairman of an LLM Council. Multiple AI models have provided responses to a user's question, "
       "and then ranked each other's responses.\n\nOriginal Question: ";
  p += question;
  p += "\n\nSTAGE 1 - Individual Responses:\n";
  for (std::size_t i = 0; i < stage1.size(); ++i) {
    if (i > 0) p += "\n\n";
    p += "Model: ";
    p += stage1[i].model;
    p += "\nResponse: ";
    p += stage1[i].response;
  }
  p += "\n\nSTAGE 2 - Peer Rankings:\n";
  if (stage2.empty()) p += "(no model produced a ranking)";
  for (std::size_t i = 0; i < stage2.size(); ++i) {
    if (i > 0) p += "\n\n";
    p += "Model: ";
    p += stage2[i].model;
    p += "\nRanking: ";
    p += stage2[i].ranking;
  }
  p += "\n\nYour task as Chairman is to synthesize all of this information into a single, comprehensive, accurate "
       "answer to the user's original question. Consider:\n"
       "- The individual responses and their insights\n"
       "- The peer rankings and what they reveal about response quality\n"
       "- Any patterns of agreement or disagreement\n\n"
       "Provide a clear, well-reasoned final answer that represents the council's collective wisdom:";
  return p;
}

std::vector<values::chat_message> with_system_prompt(const std::optional<std::string>& system_prompt,
                                                     std::vector<values::chat_message> messages) {
  if (system_prompt && !system_prompt->empty()) messages.insert(messages.begin(), values::chat_message{"system", *system_prompt});
  return messages;
}

std::string title_prompt(std::string_view question) {
  std::string p =
      "Generate a very short title (3-5 words maximum) that summarizes the following question.\n"
      "The title should be concise and descriptive. Do not use quotes or punctuation in the title.\n\nQuestion: ";
  p += question;
  p += "\n\nTitle:";
  return p;
}

std::string clean_title(std::string_view raw) {
  std::string_view line;
  for (std::string_view rest = raw; !rest.empty();) {
    std::size_t end = rest.find('\n');
    line = text::trim(rest.substr(0, end));
    if (!line.empty()) break;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  std::string text = strip_quotes_and_marks(line);
  std::string_view view = text::trim(text);
  if (starts_with_ci(view, "title:")) view = text::trim(view.substr(6));
  std::string title(view);
  while (!title.empty() && (title.back() == '.' || title.back() == ':' || title.back() == ' ')) title.pop_back();
  if (text::is_blank(title)) return {};
  return text::shorten(title, max_title_chars);
}

std::string fallback_title(std::string_view question) {
  std::string title = text::shorten(question, max_title_chars);
  return title.empty() ? std::string("New Conversation") : title;
}

}  // namespace council::run
