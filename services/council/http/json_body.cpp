// JSON body parsing and typed field access with api.md's error sentences.
#include "council/http/json_body.hpp"
#include "council/text/text.hpp"
#include <boost/json/parse.hpp>

namespace council::http {
namespace json = boost::json;

std::optional<common::http::response> read_object(const common::http::request& req, bool empty_is_object,
                                                  json::object& out) {
  if (empty_is_object && text::is_blank(req.body)) {
    out = {};
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return common::http::error(400, "Malformed JSON body");
  if (!v.is_object()) return common::http::error(422, "body: must be a JSON object");
  out = std::move(v.as_object());
  return std::nullopt;
}

std::optional<std::string> string_field(const json::object& body, std::string_view name, field_error& err) {
  const json::value* v = body.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    err.response = common::http::error(422, std::string(name) + ": must be a string");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::vector<std::string>> string_list_field(const json::object& body, std::string_view name,
                                                          field_error& err) {
  const json::value* v = body.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  const json::array* list = v->if_array();
  std::vector<std::string> out;
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      list = nullptr;
      break;
    }
    out.emplace_back((*list)[i].get_string());
  }
  if (!list) {
    err.response = common::http::error(422, std::string(name) + ": must be a list of strings");
    return std::nullopt;
  }
  return out;
}

}  // namespace council::http
