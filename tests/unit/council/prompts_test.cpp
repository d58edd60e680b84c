// Unit tests of council/prompts: prompt contents, title cleaning and the fallback title.
#include "council/run/prompts.hpp"
#include "council/text/text.hpp"
#include <catch2/catch.hpp>

using namespace council::run;
using namespace council::values;

TEST_CASE("the ranking prompt labels answers and asks for FINAL RANKING", "[council][prompts]") {
  std::vector<stage1_result> stage1{{"m/a", "answer one"}, {"m/b", "answer two"}};
  auto p = ranking_prompt("Why is the sky blue?", stage1);
  CHECK(p.find("Question: Why is the sky blue?") != std::string::npos);
  CHECK(p.find("Response A:\nanswer one") != std::string::npos);
  CHECK(p.find("Response B:\nanswer two") != std::string::npos);
  CHECK(p.find("FINAL RANKING:") != std::string::npos);
  CHECK(p.find("m/a") == std::string::npos);  // anonymous
}

TEST_CASE("the synthesis prompt carries answers and rankings with model names", "[council][prompts]") {
  std::vector<stage1_result> stage1{{"m/a", "answer one"}};
  std::vector<stage2_result> stage2{{"m/b", "ranked text", {"Response A"}}};
  auto p = synthesis_prompt("Q?", stage1, stage2);
  CHECK(p.find("Model: m/a\nResponse: answer one") != std::string::npos);
  CHECK(p.find("Model: m/b\nRanking: ranked text") != std::string::npos);
  CHECK(p.find("Original Question: Q?") != std::string::npos);
}

TEST_CASE("titles lose quotes, prefixes, markdown and trailing periods", "[council][title]") {
  CHECK(clean_title("\"Blue Sky Physics\"") == "Blue Sky Physics");
  CHECK(clean_title("Title: Rayleigh Scattering Basics.") == "Rayleigh Scattering Basics");
  CHECK(clean_title("\n\n**Why Skies Look Blue**\nextra line") == "Why Skies Look Blue");
  CHECK(clean_title("\u201cSmart Quotes Title\u201d") == "Smart Quotes Title");
  CHECK(clean_title("'Single Quoted'") == "Single Quoted");
  CHECK(clean_title("Don't Panic Guide") == "Don't Panic Guide");
  CHECK(clean_title("   ").empty());
  CHECK(clean_title("\"\"").empty());
}

TEST_CASE("long titles are cut to at most 50 characters at a word boundary", "[council][title]") {
  auto t = clean_title("A Remarkably Long Title That Goes On And On Well Past Fifty Characters");
  CHECK(council::text::char_count(t) <= max_title_chars);
  CHECK(t.substr(t.size() - 3) == "...");
  CHECK(t.find("A Remarkably Long Title") == 0);
}

TEST_CASE("multi-byte titles are never split inside a character", "[council][title]") {
  std::string word = "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9";  // 10 x e-acute
  auto t = clean_title(word + word + word + word + word + word);
  CHECK(council::text::char_count(t) <= max_title_chars);
  CHECK(t.size() % 2 == 1);  // 2-byte characters plus "..."
}

TEST_CASE("the fallback title is the shortened question", "[council][title]") {
  CHECK(fallback_title("What is love?") == "What is love?");
  auto t = fallback_title("Explain   the\nhistory of the Roman Empire from its founding to its fall in detail please");
  CHECK(council::text::char_count(t) <= max_title_chars);
  CHECK(t.find("Explain the history") == 0);
  CHECK(fallback_title("") == "New Conversation");
}
