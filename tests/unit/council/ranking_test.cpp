// Unit tests of council/ranking: labels, FINAL RANKING parsing and its fallbacks, aggregation.
#include "council/run/ranking.hpp"
#include <catch2/catch.hpp>

using namespace council::run;
using namespace council::values;
using labels_t = std::vector<std::string>;

TEST_CASE("labels are assigned in stage-1 order", "[council][ranking]") {
  std::vector<stage1_result> stage1{{"m/one", "a"}, {"m/two", "b"}, {"m/three", "c"}};
  auto labels = assign_labels(stage1);
  REQUIRE(labels.size() == 3);
  CHECK(labels.at("Response A") == "m/one");
  CHECK(labels.at("Response B") == "m/two");
  CHECK(labels.at("Response C") == "m/three");
  CHECK(label_for(25) == "Response Z");
}

TEST_CASE("the numbered list after FINAL RANKING wins", "[council][ranking]") {
  std::string text =
      "Response A is thorough. Response B is short. Response C is wrong.\n\n"
      "FINAL RANKING:\n1. Response C\n2. Response A\n3. Response B\n";
  CHECK(parse_ranking(text) == labels_t{"Response C", "Response A", "Response B"});
}

TEST_CASE("numbered list variants are understood", "[council][ranking]") {
  std::string text = "FINAL RANKING:\n1) **Response B**\n  2.Response A - good\n3. Response C\n";
  CHECK(parse_ranking(text) == labels_t{"Response B", "Response A", "Response C"});
}

TEST_CASE("the last FINAL RANKING header is used", "[council][ranking]") {
  std::string text =
      "I will end with FINAL RANKING: as asked.\n1. Response A\n\nFINAL RANKING:\n1. Response B\n2. Response A\n";
  CHECK(parse_ranking(text) == labels_t{"Response B", "Response A"});
}

TEST_CASE("without a numbered list, labels after the header are taken in order", "[council][ranking]") {
  std::string text = "Response A is best overall.\nFINAL RANKING: Response B, then Response A, then Response C";
  CHECK(parse_ranking(text) == labels_t{"Response B", "Response A", "Response C"});
}

TEST_CASE("without a header, labels anywhere in the text are taken once each", "[council][ranking]") {
  std::string text = "Response C is the best; Response A is next. Response C again. Then Response B.";
  CHECK(parse_ranking(text) == labels_t{"Response C", "Response A", "Response B"});
}

TEST_CASE("a header with nothing usable after it falls back to the whole text", "[council][ranking]") {
  std::string text = "Response B beats Response A.\nFINAL RANKING:\n(none)";
  CHECK(parse_ranking(text) == labels_t{"Response B", "Response A"});
}

TEST_CASE("words that merely start with a label letter are not labels", "[council][ranking]") {
  CHECK(parse_ranking("Response Analysis: Responses B and C; myResponse A").empty());
  CHECK(parse_ranking("nothing here").empty());
}

TEST_CASE("aggregate rankings average positions, round to 2 decimals and sort ascending", "[council][ranking]") {
  label_map labels{{"Response A", "m/a"}, {"Response B", "m/b"}, {"Response C", "m/c"}};
  std::vector<stage2_result> stage2{
      {"m/a", "", {"Response A", "Response B", "Response C"}},
      {"m/b", "", {"Response B", "Response A", "Response C"}},
      {"m/c", "", {"Response B", "Response C", "Response A"}},
  };
  auto agg = aggregate_rankings(stage2, labels);
  REQUIRE(agg.size() == 3);
  CHECK(agg[0].model == "m/b");
  CHECK(agg[0].average_rank == Approx(1.33).epsilon(0));
  CHECK(agg[0].rankings_count == 3);
  CHECK(agg[1].model == "m/a");
  CHECK(agg[1].average_rank == 2.0);
  CHECK(agg[2].model == "m/c");
  CHECK(agg[2].average_rank == Approx(2.67).epsilon(0));
}

TEST_CASE("aggregation ignores unknown labels and omits unranked models; ties keep label order", "[council][ranking]") {
  label_map labels{{"Response A", "m/a"}, {"Response B", "m/b"}, {"Response C", "m/c"}};
  std::vector<stage2_result> stage2{
      {"m/a", "", {"Response Q", "Response B", "Response A"}},
      {"m/b", "", {"Response A", "Response B"}},
  };
  auto agg = aggregate_rankings(stage2, labels);
  REQUIRE(agg.size() == 2);
  CHECK(agg[0].model == "m/a");  // 1.5, same as m/b: label order breaks the tie
  CHECK(agg[0].average_rank == 1.5);
  CHECK(agg[0].rankings_count == 2);
  CHECK(agg[1].model == "m/b");
  CHECK(agg[1].average_rank == 1.5);
}

TEST_CASE("average ranks round half away from zero at the second decimal", "[council][ranking]") {
  label_map labels{{"Response A", "m/a"}, {"Response B", "m/b"}};
  std::vector<stage2_result> stage2;
  for (int i = 0; i < 7; ++i) stage2.push_back({"x", "", {"Response B", "Response A"}});
  stage2.push_back({"x", "", {"Response A", "Response B"}});
  auto agg = aggregate_rankings(stage2, labels);
  REQUIRE(agg.size() == 2);
  CHECK(agg[0].model == "m/b");
  CHECK(agg[0].average_rank == Approx(1.13).epsilon(0));  // 9/8 = 1.125
  CHECK(agg[1].average_rank == Approx(1.88).epsilon(0));  // 15/8 = 1.875
}
