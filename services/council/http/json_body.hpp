// Reading JSON request bodies: 400 for malformed JSON, 422 for a body or field of the wrong type.
#pragma once
#include "common/http/message.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace council::http {

/// The body as a JSON object, or the error response: 400 `Malformed JSON body`, 422 `body: must be
/// a JSON object`. An empty body reads as {} when `empty_is_object`.
std::optional<common::http::response> read_object(const common::http::request& req, bool empty_is_object,
                                                  boost::json::object& out);

/// Field readers: absent or null -> nullopt; wrong type -> a 422 response naming the field.
struct field_error {
  std::optional<common::http::response> response;
};
/// Optional string field `name`.
std::optional<std::string> string_field(const boost::json::object& body, std::string_view name, field_error& err);
/// Optional list-of-strings field `name`.
std::optional<std::vector<std::string>> string_list_field(const boost::json::object& body, std::string_view name,
                                                          field_error& err);

}  // namespace council::http
