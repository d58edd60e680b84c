// Request accessors, JSON and error responses, reason phrases and query decoding.
#include "common/http/message.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace common::http;

TEST_CASE("error() is a JSON {detail} body with content-type application/json", "[http][message]") {
  for (int status : {400, 401, 404, 405, 413, 422, 429, 500}) {
    response res = error(status, "Something \"quoted\" went wrong");
    CHECK(res.status == status);
    REQUIRE(res.headers.size() == 1);
    CHECK(res.headers[0].first == "content-type");
    CHECK(res.headers[0].second == "application/json");
    auto body = boost::json::parse(res.body);
    REQUIRE(body.is_object());
    CHECK(body.as_object().size() == 1);
    CHECK(body.as_object().at("detail").as_string() == "Something \"quoted\" went wrong");
    CHECK(res.stream == nullptr);
  }
}

TEST_CASE("json() serializes the value with the given status", "[http][message]") {
  boost::json::object value;
  value["status"] = "ok";
  value["n"] = 3;
  response res = json(201, value);
  CHECK(res.status == 201);
  CHECK(boost::json::parse(res.body) == boost::json::value(value));
  CHECK(res.headers == header_list{{"content-type", "application/json"}});
}

TEST_CASE("reason() gives the standard phrases", "[http][message]") {
  CHECK(reason(200) == "OK");
  CHECK(reason(201) == "Created");
  CHECK(reason(204) == "No Content");
  CHECK(reason(400) == "Bad Request");
  CHECK(reason(401) == "Unauthorized");
  CHECK(reason(403) == "Forbidden");
  CHECK(reason(404) == "Not Found");
  CHECK(reason(405) == "Method Not Allowed");
  CHECK(reason(413) == "Content Too Large");
  CHECK(reason(422) == "Unprocessable Content");
  CHECK(reason(429) == "Too Many Requests");
  CHECK(reason(500) == "Internal Server Error");
  CHECK(reason(503) == "Service Unavailable");
  CHECK(reason(799) == "Unknown Status");
}

TEST_CASE("set_header lowercases names and replaces an existing header", "[http][message]") {
  response res = error(429, "Too many attempts");
  res.set_header("Retry-After", "30").set_header("Content-Type", "application/problem+json");
  res.set_header("retry-after", "60");
  CHECK(res.headers == header_list{{"content-type", "application/problem+json"}, {"retry-after", "60"}});
}

TEST_CASE("request::header is case-insensitive and returns the first match", "[http][message]") {
  request req;
  req.headers = {{"authorization", "Bearer a"}, {"x-run-id", "r1"}, {"x-run-id", "r2"}};
  CHECK(req.header("Authorization") == "Bearer a");
  CHECK(req.header("X-RUN-ID") == "r1");
  CHECK_FALSE(req.header("cookie").has_value());
}

TEST_CASE("request::query_param percent-decodes keys and values", "[http][message]") {
  request req;
  req.query = "limit=50&before=abc%2Ddef&q=hello+world%21&empty=&flag&na%6De=key%20decoded&bad=%zz&&limit=99";
  CHECK(req.query_param("limit") == "50");
  CHECK(req.query_param("before") == "abc-def");
  CHECK(req.query_param("q") == "hello world!");
  CHECK(req.query_param("empty") == "");
  CHECK(req.query_param("flag") == "");
  CHECK(req.query_param("name") == "key decoded");
  CHECK(req.query_param("bad") == "%zz");
  CHECK_FALSE(req.query_param("missing").has_value());
  CHECK_FALSE(req.query_param("lim").has_value());
  request none;
  CHECK_FALSE(none.query_param("limit").has_value());
}

TEST_CASE("request::param reads path parameters", "[http][message]") {
  request req;
  req.params.emplace("id", "42");
  CHECK(req.param("id") == "42");
  CHECK(req.param("other").empty());
}
