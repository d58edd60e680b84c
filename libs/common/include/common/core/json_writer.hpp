// Append-only JSON writer: builds a document straight into a string, byte for byte as boost::json::serialize
// would print the same value (same escapes, same number forms), without building a boost::json::value first.
#pragma once
#include <boost/describe/members.hpp>
#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/mp11/algorithm.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace common {

/// Appends one JSON document to `out`. The caller opens and closes containers in order and gives a key before
/// each member of an object; commas are placed by the writer.
class json_writer {
public:
  /// Writes at the end of `out` (which it does not clear); `out` must outlive the writer.
  explicit json_writer(std::string& out) : out_(out) {}

  /// `{` / `}`.
  json_writer& begin_object();
  json_writer& end_object();
  /// `[` / `]`.
  json_writer& begin_array();
  json_writer& end_array();
  /// The next member's name (escaped like a string), then `:`.
  json_writer& key(std::string_view name);
  /// A string: `"` and `\` escaped, control characters as \b \t \n \f \r or \u00xx, all other bytes as given.
  json_writer& string(std::string_view text);
  /// Integers in decimal.
  json_writer& number(long long n);
  json_writer& number(unsigned long long n);
  /// A double in Boost.JSON's form (e.g. `5E-1`).
  json_writer& number(double d);
  /// `true` / `false`.
  json_writer& boolean(bool b);
  /// `null`.
  json_writer& null();
  /// Any JSON value, as boost::json::serialize prints it (serialized into the string in place).
  json_writer& value(const boost::json::value& v);

private:
  void separate();
  json_writer& open(char bracket);
  json_writer& close(char bracket);
  template <typename Integer>
  json_writer& integer(Integer n);
  std::string& out_;
  bool after_value_ = false;  // a value was just completed: the next one in the same container needs a comma
};

/// Writes `v` as boost::json::value_from(v) would convert it: strings, booleans, integers, doubles, optionals
/// (null when empty), vectors (arrays), boost::json values and the structs boost::json::is_described_class names
/// (members in description order, inherited ones first); any other type goes through value_from.
template <typename T>
void write_json(json_writer& out, const T& v);

namespace json_writer_detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
template <typename T>
struct is_vector : std::false_type {};
template <typename T, typename A>
struct is_vector<std::vector<T, A>> : std::true_type {};

}  // namespace json_writer_detail

template <typename T>
void write_json(json_writer& out, const T& v) {
  using namespace json_writer_detail;
  if constexpr (std::is_same_v<T, bool>) {
    out.boolean(v);
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    out.number(static_cast<long long>(v));
  } else if constexpr (std::is_integral_v<T>) {
    out.number(static_cast<unsigned long long>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    out.number(static_cast<double>(v));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    out.string(v);
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    out.value(v);
  } else if constexpr (is_optional<T>::value) {
    if (v) {
      write_json(out, *v);
    } else {
      out.null();
    }
  } else if constexpr (is_vector<T>::value) {
    out.begin_array();
    for (const auto& item : v) write_json(out, item);
    out.end_array();
  } else if constexpr (boost::json::is_described_class<T>::value) {
    using members = boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;
    out.begin_object();
    boost::mp11::mp_for_each<members>([&](auto member) {
      out.key(member.name);
      write_json(out, v.*member.pointer);
    });
    out.end_object();
  } else {
    const boost::json::value converted = boost::json::value_from(v);
    out.value(converted);
  }
}

}  // namespace common
