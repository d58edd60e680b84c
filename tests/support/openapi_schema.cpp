// A small JSON Schema (2020-12 subset) walker over the schemas of an OpenAPI document.
#include "support/openapi_schema.hpp"
#include <boost/json/serialize.hpp>

namespace openapi {
namespace json = boost::json;
namespace {

/// Whether `v` is of the JSON Schema type `type` (an integer is also a number).
bool has_type(const json::value& v, std::string_view type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_bool();
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  if (type == "integer") return v.is_int64() || v.is_uint64();
  if (type == "number") return v.is_number();
  return false;
}

/// The schema a `discriminator` (OpenAPI) picks for `v`: its mapping entry for v's property, else nullptr.
const json::value* discriminated(const json::object& s, const json::value& v) {
  const auto* d = s.if_contains("discriminator");
  if (!d || !d->is_object() || !v.is_object()) return nullptr;
  const auto* property = d->as_object().if_contains("propertyName");
  const auto* mapping = d->as_object().if_contains("mapping");
  if (!property || !property->is_string() || !mapping || !mapping->is_object()) return nullptr;
  const auto* tag = v.as_object().if_contains(property->as_string());
  if (!tag || !tag->is_string()) return nullptr;
  return mapping->as_object().if_contains(tag->as_string());
}

class walker {
public:
  explicit walker(const json::value& doc) : doc_(doc) {}

  void check(const json::value& schema, const json::value& v, const std::string& at) {
    if (!schema.is_object()) return;
    const auto& s = schema.as_object();
    if (auto ref = s.if_contains("$ref")) {
      const json::value* target = resolve(doc_, ref->as_string());
      if (!target) return fail(at, "unresolvable $ref " + std::string(ref->as_string()));
      check(*target, v, at);
    }
    if (auto type = s.if_contains("type")) {
      bool ok = false;
      if (type->is_string()) ok = has_type(v, type->as_string());
      else for (const auto& t : type->as_array()) ok = ok || has_type(v, t.as_string());
      if (!ok) return fail(at, "expected type " + json::serialize(*type) + ", got " + json::serialize(v));
    }
    if (auto c = s.if_contains("const"); c && *c != v) fail(at, "expected " + json::serialize(*c));
    if (auto e = s.if_contains("enum")) {
      bool found = false;
      for (const auto& item : e->as_array()) found = found || item == v;
      if (!found) fail(at, json::serialize(v) + " is not one of " + json::serialize(*e));
    }
    if (auto one = s.if_contains("oneOf")) check_one_of(s, one->as_array(), v, at);
    if (v.is_string())
      if (auto min = s.if_contains("minLength"); min && v.as_string().size() < min->to_number<std::size_t>())
        fail(at, "shorter than minLength");
    if (v.is_array()) {
      const auto& a = v.as_array();
      if (auto min = s.if_contains("minItems"); min && a.size() < min->to_number<std::size_t>())
        fail(at, "fewer items than minItems");
      if (auto items = s.if_contains("items"))
        for (std::size_t i = 0; i < a.size(); ++i) check(*items, a[i], at + "[" + std::to_string(i) + "]");
    }
    if (v.is_object()) check_object(s, v.as_object(), at);
  }

  std::string problems() const { return problems_; }

private:
  /// With a discriminator that maps `v`, only the mapped alternative is checked (precise problems); otherwise
  /// `v` must match exactly one alternative.
  void check_one_of(const json::object& s, const json::array& alternatives, const json::value& v, const std::string& at) {
    if (const json::value* target = discriminated(s, v)) return check(json::object{{"$ref", *target}}, v, at);
    int matches = 0;
    for (const auto& alt : alternatives) {
      walker trial(doc_);
      trial.check(alt, v, at);
      matches += trial.problems_.empty() ? 1 : 0;
    }
    if (matches != 1) fail(at, "matches " + std::to_string(matches) + " of the oneOf alternatives, not exactly 1");
  }

  void check_object(const json::object& s, const json::object& o, const std::string& at) {
    if (auto required = s.if_contains("required"))
      for (const auto& name : required->as_array())
        if (!o.contains(name.as_string())) fail(at, "missing required field " + std::string(name.as_string()));
    const json::object* props = s.contains("properties") ? &s.at("properties").as_object() : nullptr;
    for (const auto& [key, value] : o) {
      std::string child = at + "." + std::string(key);
      if (props && props->contains(key)) check(props->at(key), value, child);
      else if (auto extra = s.if_contains("additionalProperties"); extra && extra->is_object()) check(*extra, value, child);
      else if (extra && extra->is_bool() && !extra->as_bool()) fail(child, "not allowed");
    }
  }

  void fail(const std::string& at, const std::string& what) { problems_ += at + ": " + what + "\n"; }

  const json::value& doc_;
  std::string problems_;
};

}  // namespace

const json::value* resolve(const json::value& doc, std::string_view ref) {
  if (ref.rfind("#/", 0) != 0) return nullptr;
  const json::value* node = &doc;
  ref.remove_prefix(2);
  while (!ref.empty()) {
    auto slash = ref.find('/');
    std::string part(ref.substr(0, slash));
    if (!node->is_object() || !node->as_object().contains(part)) return nullptr;
    node = &node->as_object().at(part);
    ref = slash == std::string_view::npos ? std::string_view() : ref.substr(slash + 1);
  }
  return node;
}

const json::value* dereference(const json::value& doc, const json::value& node) {
  const json::value* current = &node;
  for (int hops = 0; current && current->is_object() && hops < 32; ++hops) {
    const auto* ref = current->as_object().if_contains("$ref");
    if (!ref || !ref->is_string()) return current;
    current = resolve(doc, ref->as_string());
  }
  return current && current->is_object() && current->as_object().contains("$ref") ? nullptr : current;
}

std::string value_problems(const json::value& doc, const json::value& schema, const json::value& value) {
  walker w(doc);
  w.check(schema, value, "$");
  return w.problems();
}

std::string schema_problems(const json::value& doc, const std::string& schema, const json::value& value) {
  return value_problems(doc, json::object{{"$ref", "#/components/schemas/" + schema}}, value);
}

}  // namespace openapi
