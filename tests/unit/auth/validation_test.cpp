// Input rules: emails, password byte limits, API keys, endpoints, key hints.
#include "auth/domain/validation.hpp"
#include <catch2/catch.hpp>

using namespace auth::domain;

TEST_CASE("emails are trimmed and validated", "[auth][validation]") {
  CHECK(trim("  Carol@Example.com \n") == "Carol@Example.com");
  CHECK_FALSE(email_problem("carol@example.com"));
  CHECK_FALSE(email_problem("first.last+tag@sub.example.co.uk"));
  for (const char* bad : {"", "carol", "carol@", "@example.com", "carol@example", "carol@@example.com",
                          "ca rol@example.com", "carol@exa mple.com", "carol@-example.com", ".carol@example.com",
                          "carol..x@example.com", "carol@example.c"}) {
    INFO(bad);
    auto problem = email_problem(bad);
    REQUIRE(problem);
    CHECK(problem->rfind("email: ", 0) == 0);
  }
  CHECK(email_problem(std::string(250, 'a') + "@example.com"));
  CHECK(canonical_email("Carol@Example.COM") == "carol@example.com");
}

TEST_CASE("passwords must be 8 to 72 bytes, counted in bytes", "[auth][validation]") {
  CHECK(password_problem("password", "1234567") == "password: must be at least 8 characters");
  CHECK_FALSE(password_problem("password", "12345678"));
  CHECK_FALSE(password_problem("password", std::string(72, 'x')));
  CHECK(password_problem("password", std::string(73, 'x')) == "password: must be at most 72 bytes");
  std::string euros;
  for (int i = 0; i < 25; ++i) euros += "\xe2\x82\xac";  // 25 characters, 75 bytes
  CHECK(password_problem("new_password", euros) == "new_password: must be at most 72 bytes");
  CHECK(password_problem("password", std::string("abcd\0efgh", 9)));
}

TEST_CASE("API keys, providers, endpoints and hints", "[auth][validation]") {
  CHECK(api_key_problem("short") == "api_key: must be at least 10 characters");
  CHECK_FALSE(api_key_problem("sk-or-v1-abcdef"));
  CHECK(api_key_problem("sk-or v1-abcdef"));
  CHECK(api_key_problem("sk-or-v1-abc\r\ndef"));
  CHECK(known_provider("openrouter"));
  CHECK_FALSE(known_provider("OpenRouter"));
  CHECK_FALSE(known_provider("anthropic"));
  CHECK_FALSE(endpoint_problem("https://llm.example.com/api/v1"));
  CHECK_FALSE(endpoint_problem("https://10.0.0.5:8443/v1"));
  for (const char* bad : {"http://llm.example.com/v1", "ftp://x.example", "llm.example.com", "https://", "", "https:///v1",
                          "not a url"}) {
    INFO(bad);
    CHECK(endpoint_problem(bad) == "endpoint: must be an https URL");
  }
  CHECK(key_hint("sk-or-v1-abcdef123456") == "...123456");
  CHECK(key_hint("abc") == "...abc");
}
