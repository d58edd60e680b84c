// Unit tests of council domain rules: text helpers, model choice, content checks, run limiter, token cache.
#include "council/domain/conversation_rules.hpp"
#include "council/values/model_catalog.hpp"
#include "council/run/run_limiter.hpp"
#include "council/text/text.hpp"
#include <catch2/catch.hpp>

using namespace council::domain;
using namespace council::run;
using namespace council::text;
using council::values::model_catalog;

TEST_CASE("text helpers count and cut characters, not bytes", "[council][text]") {
  CHECK(char_count("abc") == 3);
  CHECK(char_count("\u00e9t\u00e9") == 3);
  CHECK(char_count("\U0001F600") == 1);
  CHECK(truncate_chars("\u00e9t\u00e9", 2) == "\u00e9t");
  CHECK(trim("  x y \n") == "x y");
  CHECK(is_blank(" \t\n\r"));
  CHECK(is_blank("\u00a0\u3000"));
  CHECK_FALSE(is_blank(" x "));
  CHECK(shorten("a  b\n c", 50) == "a b c");
  CHECK(shorten("one two three four", 12) == "one two...");
}

TEST_CASE("model choice applies defaults, drops duplicates and names the bad model", "[council][rules]") {
  model_catalog config{{"m/a", "m/b", "m/c"}, {"m/a", "m/b"}, "m/b", "m/t"};
  auto defaults = choose_models(std::nullopt, std::nullopt, config);
  REQUIRE(defaults.has_value());
  CHECK(defaults->models == std::vector<std::string>{"m/a", "m/b"});
  CHECK(defaults->lead_model == "m/b");
  auto picked = choose_models(std::vector<std::string>{"m/c", "m/a", "m/c"}, std::string("m/c"), config);
  REQUIRE(picked.has_value());
  CHECK(picked->models == std::vector<std::string>{"m/c", "m/a"});
  CHECK(picked->lead_model == "m/c");
  CHECK(choose_models(std::vector<std::string>{"m/a", "x/y"}, std::nullopt, config).error() == "Unknown model: x/y");
  CHECK(choose_models(std::vector<std::string>{"m/a", "m/a"}, std::nullopt, config).error() == "Select at least two models");
  CHECK(choose_models(std::vector<std::string>{}, std::nullopt, config).error() == "Select at least two models");
  CHECK(choose_models(std::nullopt, std::string("m/zz"), config).error() == "Unknown lead model: m/zz");
}

TEST_CASE("content must be non-blank and within the character limit", "[council][rules]") {
  CHECK(content_problem("", 10) == std::string("content: must not be empty"));
  CHECK(content_problem(" \n\t ", 10) == std::string("content: must not be empty"));
  CHECK_FALSE(content_problem("hello", 10));
  CHECK_FALSE(content_problem("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 10));
  CHECK(content_problem("12345678901", 10) == std::string("content: must be at most 10 characters"));
  CHECK(content_problem(std::string("a\0b", 3), 10) ==
        std::string("The question contains a NUL character (U+0000), which is not allowed."));
}

TEST_CASE("the run limiter holds slots per user until they are released", "[council][limiter]") {
  run_limiter limiter(2);
  auto a1 = limiter.try_acquire("alice");
  auto a2 = limiter.try_acquire("alice");
  REQUIRE(a1);
  REQUIRE(a2);
  CHECK_FALSE(limiter.try_acquire("alice"));
  CHECK(limiter.try_acquire("bob"));  // released at once (temporary)
  CHECK(limiter.active("alice") == 2);
  CHECK(limiter.active("bob") == 0);
  {
    auto moved = std::move(*a1);
    a1.reset();
    CHECK(limiter.active("alice") == 2);
  }
  CHECK(limiter.active("alice") == 1);
  CHECK(limiter.try_acquire("alice"));
  a2.reset();
  CHECK(limiter.total() == 0);
}

TEST_CASE("the run limiter lists the runs whose slots are held", "[council][limiter]") {
  run_limiter limiter(2);
  auto first = limiter.try_acquire("alice", "run-1");
  auto second = limiter.try_acquire("bob", "run-2");
  CHECK(limiter.try_acquire("alice", "run-3"));  // a temporary: released at once
  CHECK(limiter.running_runs() == std::vector<std::string>{"run-1", "run-2"});
  first.reset();
  CHECK(limiter.running_runs() == std::vector<std::string>{"run-2"});
}

