// The kit's bearer-token extraction: absent header, other schemes, case and whitespace.
#include "common/http/bearer.hpp"
#include <catch2/catch.hpp>

namespace {

std::optional<std::string> token_of(std::optional<std::string> authorization) {
  common::http::request req;
  if (authorization) req.headers.emplace_back("authorization", *authorization);
  return common::http::bearer_token(req);
}

}  // namespace

TEST_CASE("bearer_token reads the token of a Bearer Authorization header", "[kit][bearer]") {
  CHECK_FALSE(token_of(std::nullopt).has_value());
  CHECK(token_of("Bearer abc.def") == "abc.def");
  CHECK(token_of("bEaReR   abc  ") == "abc");
  CHECK(token_of(" Bearer\tx") == "");
  CHECK(token_of("Bearer") == "");
  CHECK(token_of("Bearer ") == "");
  CHECK(token_of("Basic dXNlcjpwYXNz") == "");
  CHECK(token_of("") == "");
}
