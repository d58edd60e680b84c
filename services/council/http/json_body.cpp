// JSON body parsing and typed field access with the error sentences of docs/api.md.
#include "council/http/json_body.hpp"
#include "council/text/text.hpp"
#include <boost/json/parse.hpp>

namespace council::http {
namespace json = boost::json;
using common::http::response;

namespace {

std::optional<response> read_object(const common::http::request& req, bool empty_is_object, json::object& out) {
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

std::optional<response> string_field(const json::object& body, std::string_view name, std::optional<std::string>& out) {
  const json::value* v = body.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) return common::http::error(422, std::string(name) + ": must be a string");
  out = std::string(v->get_string());
  return std::nullopt;
}

std::optional<response> string_list_field(const json::object& body, std::string_view name,
                                          std::optional<std::vector<std::string>>& out) {
  const json::value* v = body.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  const json::array* list = v->if_array();
  std::vector<std::string> items;
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    if (!(*list)[i].is_string()) return common::http::error(422, std::string(name) + ": must be a list of strings");
    items.emplace_back((*list)[i].get_string());
  }
  if (!list) return common::http::error(422, std::string(name) + ": must be a list of strings");
  out = std::move(items);
  return std::nullopt;
}

}  // namespace

read_result<api::conversation_in> read_conversation_in(const common::http::request& req) {
  json::object body;
  if (auto bad = read_object(req, true, body)) return std::move(*bad);
  api::conversation_in in;
  if (auto bad = string_list_field(body, "models", in.models)) return std::move(*bad);
  if (auto bad = string_field(body, "lead_model", in.lead_model)) return std::move(*bad);
  return in;
}

read_result<api::message_in> read_message_in(const common::http::request& req) {
  json::object body;
  if (auto bad = read_object(req, false, body)) return std::move(*bad);
  api::message_in in;
  if (auto bad = string_field(body, "content", in.content)) return std::move(*bad);
  return in;
}

}  // namespace council::http
