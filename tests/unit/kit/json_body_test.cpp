// The kit's body reader: 400/422 sentences and field-level problems of described structs.
#include "common/http/json_body.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace {

struct credentials_in {
  std::string email;
  std::string password;
  std::optional<std::string> provider;
};
BOOST_DESCRIBE_STRUCT(credentials_in, (), (email, password, provider))

struct options_in {
  std::optional<std::vector<std::string>> models;
  std::optional<bool> enabled;
  std::optional<boost::json::value> endpoint;
};
BOOST_DESCRIBE_STRUCT(options_in, (), (models, enabled, endpoint))

common::http::request with_body(std::string body) {
  common::http::request req;
  req.body = std::move(body);
  return req;
}

std::string detail_of(const common::http::response& res) {
  return std::string(boost::json::parse(res.body).at("detail").as_string());
}

template <typename T>
std::string refusal_of(std::string body, common::http::blank_body blank = common::http::blank_body::malformed) {
  auto req = with_body(std::move(body));
  auto read = common::http::read_body<T>(req, blank);
  REQUIRE_FALSE(read.has_value());
  return std::to_string(read.error().status) + " " + detail_of(read.error());
}

}  // namespace

TEST_CASE("read_body answers 400 for malformed JSON and 422 for a body that is not an object", "[kit][json]") {
  CHECK(refusal_of<credentials_in>("{") == "400 Malformed JSON body");
  CHECK(refusal_of<credentials_in>("") == "400 Malformed JSON body");
  CHECK(refusal_of<credentials_in>("[1]") == "422 body: must be a JSON object");
  CHECK(refusal_of<credentials_in>("\"x\"") == "422 body: must be a JSON object");
}

TEST_CASE("read_body names the first bad field in declaration order", "[kit][json]") {
  CHECK(refusal_of<credentials_in>("{}") == "422 email: field required");
  CHECK(refusal_of<credentials_in>(R"({"email": null, "password": "p"})") == "422 email: must be a string");
  CHECK(refusal_of<credentials_in>(R"({"email": "a@b.c"})") == "422 password: field required");
  CHECK(refusal_of<credentials_in>(R"({"email": "a@b.c", "password": 5})") == "422 password: must be a string");
  CHECK(refusal_of<credentials_in>(R"({"email": "a", "password": "p", "provider": 1})") == "422 provider: must be a string");
  CHECK(refusal_of<options_in>(R"({"models": ["a", 1]})") == "422 models: must be a list of strings");
  CHECK(refusal_of<options_in>(R"({"models": "a"})") == "422 models: must be a list of strings");
  CHECK(refusal_of<options_in>(R"({"enabled": null})") == "422 enabled: must be a boolean");
  CHECK(refusal_of<options_in>(R"({"enabled": "yes"})") == "422 enabled: must be a boolean");
}

TEST_CASE("read_body fills described structs; absent or null optionals stay empty", "[kit][json]") {
  auto req = with_body(R"({"email": "a@b.c", "password": "secret", "provider": null, "extra": 1})");
  auto read = common::http::read_body<credentials_in>(req);
  REQUIRE(read.has_value());
  CHECK(read->email == "a@b.c");
  CHECK(read->password == "secret");
  CHECK_FALSE(read->provider.has_value());

  auto options = with_body(R"({"models": ["a", "b"], "enabled": false, "endpoint": null})");
  auto parsed = common::http::read_body<options_in>(options);
  REQUIRE(parsed.has_value());
  CHECK(parsed->models == std::vector<std::string>{"a", "b"});
  CHECK(parsed->enabled == false);
  REQUIRE(parsed->endpoint.has_value());
  CHECK(parsed->endpoint->is_null());

  auto none = with_body("{}");
  auto empty = common::http::read_body<options_in>(none);
  REQUIRE(empty.has_value());
  CHECK_FALSE(empty->endpoint.has_value());
  CHECK_FALSE(empty->models.has_value());
}

TEST_CASE("a blank body reads as {} only when asked", "[kit][json]") {
  auto blank = with_body("  \n");
  CHECK(common::http::read_body<options_in>(blank, common::http::blank_body::empty_object).has_value());
  CHECK(refusal_of<options_in>("  \n") == "400 Malformed JSON body");
}
