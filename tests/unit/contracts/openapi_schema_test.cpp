// The schema checker of tests/support reports missing fields, wrong types, bad items and discriminated alternatives.
#include "support/openapi_schema.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace {
namespace json = boost::json;

const json::value& sample_document() {
  static const json::value doc = json::parse(R"({"components": {"schemas": {
      "Thing": {"type": "object", "required": ["id", "tags"], "properties": {
          "id": {"type": "integer"}, "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
          "note": {"type": ["string", "null"]}}},
      "Tag": {"type": "string", "enum": ["a", "b"]},
      "Shape": {"oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                "discriminator": {"propertyName": "kind", "mapping": {
                    "circle": "#/components/schemas/Circle", "square": "#/components/schemas/Square"}}},
      "Circle": {"type": "object", "required": ["kind", "r"],
                 "properties": {"kind": {"const": "circle"}, "r": {"type": "number"}}},
      "Square": {"type": "object", "required": ["kind", "side"],
                 "properties": {"kind": {"const": "square"}, "side": {"type": "number"}}}}}})");
  return doc;
}

}  // namespace

TEST_CASE("the schema checker reports missing fields, wrong types and bad items", "[contracts]") {
  const auto& doc = sample_document();
  CHECK(openapi::schema_problems(doc, "Thing", json::parse(R"({"id": 1, "tags": ["a"], "note": null, "x": 0})")) == "");
  CHECK(openapi::schema_problems(doc, "Thing", json::parse(R"({"tags": []})")) == "$: missing required field id\n");
  CHECK(openapi::schema_problems(doc, "Thing", json::parse(R"({"id": "1", "tags": ["c"], "note": 3})")) != "");
  CHECK(openapi::schema_problems(doc, "Thing", json::parse(R"({"id": 1, "tags": ["c"]})")).find("$.tags[0]") == 0);
  CHECK(openapi::value_problems(doc, json::parse(R"({"type": "array", "items": {"$ref": "#/components/schemas/Tag"}})"),
                                json::parse(R"(["a", "b"])")) == "");
}

TEST_CASE("the schema checker follows a discriminator to the one alternative it names", "[contracts]") {
  const auto& doc = sample_document();
  CHECK(openapi::schema_problems(doc, "Shape", json::parse(R"({"kind": "circle", "r": 1.5})")) == "");
  CHECK(openapi::schema_problems(doc, "Shape", json::parse(R"({"kind": "square", "r": 1.5})")) ==
        "$: missing required field side\n");
  CHECK(openapi::schema_problems(doc, "Shape", json::parse(R"({"kind": "hexagon"})")) != "");
  CHECK(openapi::schema_problems(doc, "Shape", json::parse(R"({"r": 1})")) != "");
}
