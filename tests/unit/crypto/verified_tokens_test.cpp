// The verified-token cache keeps at most its capacity, evicts the least recently used and drops expired tokens.
#include "common/crypto/verified_tokens.hpp"
#include <catch2/catch.hpp>

namespace {
common::jwt::claims claims_of(std::string sub, long long exp) {
  common::jwt::claims c;
  c.sub = std::move(sub);
  c.exp = exp;
  return c;
}
}  // namespace

TEST_CASE("the token cache expires entries and evicts the least recently used", "[jwt][token-cache]") {
  common::jwt::verified_tokens cache(2);
  cache.insert("h1", claims_of("u1", 100));
  cache.insert("h2", claims_of("u2", 100));
  REQUIRE(cache.find("h1", 50));  // h1 now most recent
  cache.insert("h3", claims_of("u3", 100));
  CHECK(cache.size() == 2);
  CHECK_FALSE(cache.find("h2", 50));
  CHECK(cache.find("h1", 50)->sub == "u1");
  CHECK(cache.find("h3", 99)->sub == "u3");
  CHECK_FALSE(cache.find("h3", 100));  // dropped at exp
  CHECK(cache.size() == 1);
}
