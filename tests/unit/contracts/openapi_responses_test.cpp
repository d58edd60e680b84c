// Answers are matched to the documented operation and response, and every departure is reported.
#include "support/openapi_responses.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace {
namespace json = boost::json;
using openapi::exchange;

const json::value& sample_document() {
  static const json::value doc = json::parse(R"({"paths": {
      "/things/{id}": {
        "get": {"responses": {
          "200": {"description": "a thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
          "404": {"$ref": "#/components/responses/NotFound"}}},
        "delete": {"responses": {"204": {"description": "gone"}}}},
      "/things/mine": {
        "get": {"responses": {"200": {"description": "mine", "content": {"application/json": {"schema": {"type": "array"}}}}}}},
      "/metrics": {
        "get": {"responses": {"200": {"description": "figures", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
      "/things/{id}/events": {
        "post": {"responses": {"200": {"description": "events", "content": {"text/event-stream": {
          "schema": {"type": "string"}, "itemSchema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
    "components": {
      "responses": {"NotFound": {"description": "none", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
      "schemas": {
        "Thing": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Error": {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}}}})");
  return doc;
}

std::string problems(std::string_view method, std::string_view path, int status, std::string_view body,
                     std::string_view content_type = "application/json") {
  return openapi::response_problems(sample_document(), exchange{method, path, status, content_type, body});
}

}  // namespace

TEST_CASE("documented answers conform, templates match concrete paths and literals win", "[contracts]") {
  CHECK(problems("GET", "/things/6f0c", 200, R"({"id": "6f0c"})") == "");
  CHECK(problems("GET", "/things/6f0c?verbose=1", 404, R"({"detail": "Thing not found"})") == "");
  CHECK(problems("GET", "/things/mine", 200, "[]") == "");
  CHECK(problems("DELETE", "/things/6f0c", 204, "", "") == "");
  CHECK(problems("GET", "/metrics", 200, "up 1\n", "text/plain; version=0.0.4") == "");
}

TEST_CASE("departures from the documented response are reported", "[contracts]") {
  CHECK(problems("GET", "/things/6f0c", 200, R"({"name": "x"})") == "$: missing required field id\n");
  CHECK(problems("GET", "/things/6f0c", 200, R"({"id": 7})").find("$.id: expected type") == 0);
  CHECK(problems("GET", "/things/6f0c", 200, "not json").find("body is not JSON") == 0);
  CHECK(problems("GET", "/things/6f0c", 404, R"({"message": "x"})") == "$: missing required field detail\n");
  CHECK(problems("GET", "/things/6f0c", 200, R"({"id": "x"})", "text/html").find("content-type text/html") == 0);
  CHECK(problems("DELETE", "/things/6f0c", 204, "{}", "").find("a body where none is documented") == 0);
  std::string undocumented_status = problems("GET", "/things/6f0c", 413, R"({"detail": "Request body too large"})");
  CHECK(undocumented_status.find("status 413 is not documented for GET /things/{id} (documented: 200, 404)") == 0);
}

TEST_CASE("answers to undocumented paths and methods must be {detail} errors", "[contracts]") {
  CHECK(problems("GET", "/nowhere", 404, R"({"detail": "Not Found"})") == "");
  CHECK(problems("PUT", "/things/6f0c", 405, R"({"detail": "Method Not Allowed"})") == "");
  CHECK(problems("GET", "/nowhere", 404, "Not Found", "text/plain") != "");
  CHECK(problems("GET", "/nowhere", 200, R"({"detail": "surprise"})").find("GET /nowhere is not documented") == 0);
}

TEST_CASE("server-sent events are checked against the stream's itemSchema", "[contracts]") {
  CHECK(openapi::event_problems(sample_document(), "POST", "/things/1/events", json::parse(R"({"id": "1"})")) == "");
  CHECK(openapi::event_problems(sample_document(), "POST", "/things/1/events", json::parse("{}")) ==
        "$: missing required field id\n");
  CHECK(openapi::event_problems(sample_document(), "GET", "/things/1", json::parse("{}")).find("no itemSchema") != std::string::npos);
}

TEST_CASE("proto/ documents GET /metrics as Prometheus text on the public APIs only", "[contracts]") {
  const exchange metrics{"GET", "/metrics", 200, "text/plain; version=0.0.4", "# TYPE up gauge\nup 1\n"};
  CHECK(openapi::response_problems(openapi::api::auth, metrics) == "");
  CHECK(openapi::response_problems(openapi::api::council, metrics) == "");
  CHECK(openapi::response_problems(openapi::api::internal, metrics) != "");
  CHECK(openapi::response_problems(openapi::api::internal,
                                   exchange{"GET", "/metrics", 404, "application/json", R"({"detail": "Not Found"})"}) == "");
}
