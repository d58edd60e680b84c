// The Markdown page of a conversation: sections in order, labels mapped to models, unanswered questions, table and
// heading escaping, long stage-1 answers shortened, and stored shapes with parts missing.
#include "council/domain/conversation_markdown.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using council::domain::conversation_markdown;
namespace json = boost::json;

namespace {

council::api::conversation_out conversation(std::string title, std::string messages) {
  council::api::conversation_out c;
  c.id = "0b5a3d4e-1111-4222-8333-944455556666";
  c.created_at = "2026-01-02T03:04:05.000000Z";
  c.title = std::move(title);
  c.models = {"m/one", "m/two"};
  c.lead_model = "m/lead";
  c.messages = json::parse(messages);
  return c;
}

const std::string answered = R"([
  {"role": "user", "content": "First question?"},
  {"role": "assistant",
   "stage1": [{"model": "m/one", "response": "One says yes."}, {"model": "m/two", "response": "Two says no."}],
   "stage2": [{"model": "m/one", "ranking": "...", "parsed_ranking": ["Response B", "Response A"]},
              {"model": "m/two", "ranking": "...", "parsed_ranking": []}],
   "stage3": {"model": "m/lead", "response": "The **final** answer."},
   "metadata": {"label_to_model": {"Response A": "m/one", "Response B": "m/two"},
                "aggregate_rankings": [{"model": "m/two", "average_rank": 1.0, "rankings_count": 1},
                                       {"model": "m/one", "average_rank": 1.666666, "rankings_count": 1}],
                "errors": [{"stage": "stage2", "model": "m/three", "status": null, "message": "timed out"}]}},
  {"role": "user", "content": "Second question, never answered?"}
])";

}  // namespace

TEST_CASE("a conversation page lists each question with the final answer, stage 1 and the rankings", "[council][export]") {
  std::string page = conversation_markdown(conversation("Yes or no", answered));
  INFO(page);
  CHECK(page.rfind("# Yes or no\n\n- Conversation: `0b5a3d4e-1111-4222-8333-944455556666`\n", 0) == 0);
  CHECK(page.find("- Council: m/one, m/two\n- Lead model: m/lead\n") != std::string::npos);
  auto at = [&](const std::string& s) { return page.find(s); };
  CHECK(at("## Question 1\n\nFirst question?\n") < at("### Final answer (m/lead)\n\nThe **final** answer.\n"));
  CHECK(at("### Final answer") < at("### Stage 1 answers\n\n- **m/one**: One says yes.\n- **m/two**: Two says no.\n"));
  CHECK(at("### Stage 1 answers") < at("| 1 | m/two | 1.00 | 1 |\n| 2 | m/one | 1.67 | 1 |\n"));
  CHECK(at("- **m/one** ranked: m/two > m/one\n") != std::string::npos);
  CHECK(at("- **m/two** ranked: (no ranking)\n") != std::string::npos);
  CHECK(at("### Models that failed\n\n- stage2 **m/three**: timed out\n") != std::string::npos);
  CHECK(at("## Question 2\n\nSecond question, never answered?\n\n_No answer was stored for this question._\n") !=
        std::string::npos);
  CHECK(at("## Question 3") == std::string::npos);
}

TEST_CASE("a conversation page keeps headings and table cells on one line", "[council][export]") {
  std::string messages = R"([{"role": "user", "content": "q"}, {"role": "assistant", "stage1": [], "stage2": [],
    "stage3": {"model": "m/lead", "response": "a"},
    "metadata": {"label_to_model": {}, "aggregate_rankings": [{"model": "a|b", "average_rank": 2, "rankings_count": 1}],
                 "errors": []}}])";
  std::string page = conversation_markdown(conversation("Two\nlines", messages));
  CHECK(page.rfind("# Two lines\n", 0) == 0);
  CHECK(page.find("| 1 | a\\|b | 2 | 1 |") != std::string::npos);
  CHECK(page.find("### Stage 1 answers") == std::string::npos);
  CHECK(page.find("### Models that failed") == std::string::npos);
}

TEST_CASE("a conversation page shortens long stage-1 answers and tolerates missing parts", "[council][export]") {
  std::string long_answer(2000, 'x');
  std::string messages = R"([{"role": "user", "content": "q"}, {"role": "assistant", "stage1": [{"model": "m/one",
    "response": ")" + long_answer + R"("}], "stage3": {}}, 7, {"role": "assistant"}])";
  std::string page = conversation_markdown(conversation("Odd", messages));
  INFO(page);
  CHECK(page.find(long_answer) == std::string::npos);
  CHECK(page.find("- **m/one**: xxx") != std::string::npos);
  CHECK(page.find("### Final answer\n\n") != std::string::npos);
  CHECK(conversation_markdown(conversation("Empty", "[]")).find("_No questions yet._") != std::string::npos);
}
