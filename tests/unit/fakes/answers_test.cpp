// The fake OpenRouter's answer generator: ranking labels and order, titles, demo answers.
#include "fakes/answers.hpp"
#include <algorithm>
#include <catch2/catch.hpp>

using namespace fake_openrouter;

namespace {

const std::string stage2_prompt =
    "You are evaluating different responses to the following question:\n\nQuestion: Why is the sky blue?\n\n"
    "Here are the responses from different models (anonymized):\n\n"
    "Response A:\nRayleigh scattering.\n\nResponse B:\nBecause of the ocean.\n\nResponse C:\nShort light waves.\n\n"
    "Then, at the very end, provide a FINAL RANKING: section.\nExample:\nFINAL RANKING:\n1. Response C\n"
    "2. Response A\n3. Response B\n4. Response D\n";

/// The labels listed after "FINAL RANKING:" in an answer, in order.
std::vector<std::string> ranked(const std::string& answer) {
  std::vector<std::string> labels;
  const std::size_t at = answer.find("FINAL RANKING:");
  REQUIRE(at != std::string::npos);
  std::size_t line = answer.find('\n', at);
  int number = 1;
  while (line != std::string::npos && line + 1 < answer.size()) {
    const std::size_t end = answer.find('\n', line + 1);
    const std::string text = answer.substr(line + 1, end - line - 1);
    const std::string prefix = std::to_string(number) + ". ";
    if (text.rfind(prefix, 0) != 0) break;
    labels.push_back(text.substr(prefix.size()));
    ++number;
    line = end;
  }
  return labels;
}

}  // namespace

TEST_CASE("fake ranking covers exactly the labelled responses", "[fake]") {
  const std::vector<std::string> labels = response_labels(stage2_prompt);
  CHECK(labels == std::vector<std::string>{"Response A", "Response B", "Response C"});
  std::vector<std::string> order = ranked(ranking_answer("openai/gpt-5.1", stage2_prompt));
  REQUIRE(order.size() == 3);
  std::sort(order.begin(), order.end());
  CHECK(order == labels);
}

TEST_CASE("fake ranking falls back to every mentioned label without headings", "[fake]") {
  const std::string prompt = "Rank Response A, Response B and Response D. FINAL RANKING: please. Responses X";
  CHECK(response_labels(prompt) == std::vector<std::string>{"Response A", "Response B", "Response D"});
  CHECK(response_labels("**Response A**: x\n### Response B\nno heading: Response C") ==
        std::vector<std::string>{"Response A", "Response B"});
  CHECK(response_labels("MyResponse A and Response AB").empty());
}

TEST_CASE("fake ranking order is deterministic and depends on the model", "[fake]") {
  const std::vector<std::string> models = {"openai/gpt-5.1", "google/gemini-3-pro-preview",
                                           "anthropic/claude-sonnet-4.5", "x-ai/grok-4"};
  std::vector<std::vector<std::string>> orders;
  for (const std::string& model : models) {
    const std::string first = ranking_answer(model, stage2_prompt);
    CHECK(first == ranking_answer(model, stage2_prompt));
    CHECK(first.find(model) != std::string::npos);
    orders.push_back(ranked(first));
  }
  std::sort(orders.begin(), orders.end());
  CHECK(std::unique(orders.begin(), orders.end()) - orders.begin() > 1);
}

TEST_CASE("fake title has three words, no quotes, at most 50 characters", "[fake]") {
  const std::string prompt =
      "Generate a very short title (3-5 words maximum) that summarizes the following conversation.\n\n"
      "Question: What are the tradeoffs between Rust and C++ for embedded systems?\n\nTitle:";
  const std::string title = title_answer(prompt);
  CHECK(title == "Tradeoffs Rust Embedded");
  CHECK(default_answer("m", prompt) == title);
  const std::string long_words = title_answer(
      "title of this conversation\n\nQuestion: Supercalifragilisticexpialidocious antidisestablishmentarianism");
  CHECK(long_words.size() <= 50);
  CHECK(std::count(long_words.begin(), long_words.end(), ' ') == 2);
  CHECK(title_answer("Give this conversation a title.") == "Give Conversation Title");
  CHECK(title_answer("").find('"') == std::string::npos);
}

TEST_CASE("fake demo answer says it is a demo answer and names the model", "[fake]") {
  const std::string answer = default_answer("openai/gpt-5.1", "Why is the sky blue?");
  CHECK(answer.rfind("Demo answer from openai/gpt-5.1: ", 0) == 0);
  CHECK(answer.find("demo answer") != std::string::npos);
  CHECK(answer.find("Why is the sky blue?") != std::string::npos);
  CHECK(default_answer("m", stage2_prompt).find("FINAL RANKING:") != std::string::npos);
}
