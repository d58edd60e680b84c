// Request bodies read into described structs: 400 for malformed JSON, 422 naming the first bad field
// (the sentences of docs/api.md: `Malformed JSON body`, `body: must be a JSON object`, `<field>: ...`).
#pragma once
#include "common/http/message.hpp"
#include <boost/describe/members.hpp>
#include <boost/json/object.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/system/result.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common::http {

/// A value read from a request, or the error response to send instead.
template <typename T>
using read_result = boost::system::result<T, response>;

/// How a blank body (empty or whitespace) reads.
enum class blank_body { malformed, empty_object };

/// The body as a JSON object; 400 `Malformed JSON body`, 422 `body: must be a JSON object`.
read_result<boost::json::object> json_object_of(const request& req, blank_body blank = blank_body::malformed);

namespace detail {
// Each reader stores the field into `out` and returns nullptr, or returns the problem after "<name>: ".
// Required string: absent -> "field required", anything but a string (null too) -> "must be a string".
const char* read_field(const boost::json::value* v, std::string& out);
// Optional string: absent or null -> nullopt.
const char* read_field(const boost::json::value* v, std::optional<std::string>& out);
// Optional list of strings: absent or null -> nullopt.
const char* read_field(const boost::json::value* v, std::optional<std::vector<std::string>>& out);
// Optional boolean: absent -> nullopt; null is not a boolean.
const char* read_field(const boost::json::value* v, std::optional<bool>& out);
// Any JSON value, kept as given (the handler checks it); absent -> nullopt, null -> a null value.
const char* read_field(const boost::json::value* v, std::optional<boost::json::value>& out);
}  // namespace detail

/// `body` read into the described struct T, member by member in declaration order (member name = field
/// name); the first problem answers 422 `<field>: <problem>`. Unknown fields are ignored.
template <typename T>
read_result<T> fields_of(const boost::json::object& body) {
  T out{};
  std::optional<response> refusal;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    if (refusal) return;
    if (const char* problem = detail::read_field(body.if_contains(member.name), out.*member.pointer)) {
      refusal = error(422, std::string(member.name) + ": " + problem);
    }
  });
  if (refusal) return std::move(*refusal);
  return out;
}

/// json_object_of() then fields_of<T>().
template <typename T>
read_result<T> read_body(const request& req, blank_body blank = blank_body::malformed) {
  auto object = json_object_of(req, blank);
  if (!object) return object.error();
  return fields_of<T>(*object);
}

}  // namespace common::http
