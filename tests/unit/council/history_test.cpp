// Unit tests of council/history: turn pairing and newest-first trimming to the budget.
#include "council/run/history.hpp"
#include <catch2/catch.hpp>

using namespace council::run;
using namespace council::values;

TEST_CASE("turns pair each question with the answer right after it", "[council][history]") {
  std::vector<stored_message> messages{
      {"user", "q1"}, {"assistant", "a1"}, {"user", "q2 (failed run)"}, {"user", "q3"}, {"assistant", "a3"}};
  auto turns = turns_of(messages);
  REQUIRE(turns.size() == 2);
  CHECK(turns[0].question == "q1");
  CHECK(turns[0].answer == "a1");
  CHECK(turns[1].question == "q3");
  CHECK(turns[1].answer == "a3");
}

TEST_CASE("history keeps the newest turns within the budget, oldest first", "[council][history]") {
  std::vector<turn> turns{{"aaaa", "bbbb"}, {"cccc", "dddd"}, {"eeee", "ffff"}};  // 8 chars each
  auto all = history_messages(turns, 24);
  REQUIRE(all.size() == 6);
  CHECK(all[0].role == "user");
  CHECK(all[0].content == "aaaa");
  CHECK(all[1].role == "assistant");
  CHECK(all[5].content == "ffff");

  auto two = history_messages(turns, 23);
  REQUIRE(two.size() == 4);
  CHECK(two[0].content == "cccc");
  CHECK(two[3].content == "ffff");

  CHECK(history_messages(turns, 7).empty());
  CHECK(history_messages({}, 1000).empty());
}

TEST_CASE("a turn too big for the budget ends the history even if older ones would fit", "[council][history]") {
  std::vector<turn> turns{{"a", "b"}, {std::string(100, 'x'), "y"}, {"c", "d"}};
  auto kept = history_messages(turns, 10);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].content == "c");
}

TEST_CASE("the budget counts characters, not bytes", "[council][history]") {
  std::vector<turn> turns{{"\u00e9\u00e9", "\u00e9\u00e9"}};  // 4 characters, 8 bytes
  CHECK(history_messages(turns, 4).size() == 2);
  CHECK(history_messages(turns, 3).empty());
}
