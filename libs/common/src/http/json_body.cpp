// JSON body parsing and the field readers behind fields_of<T>().
#include "common/http/json_body.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <algorithm>

namespace common::http {
namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool is_string_list(const boost::json::value& v) {
  const auto* list = v.if_array();
  return list && std::all_of(list->begin(), list->end(), [](const boost::json::value& e) { return e.is_string(); });
}

}  // namespace

read_result<boost::json::object> json_object_of(const request& req, blank_body blank) {
  if (blank == blank_body::empty_object && is_blank(req.body)) return boost::json::object();
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(req.body, ec);
  if (ec) return error(400, "Malformed JSON body");
  if (!body.is_object()) return error(422, "body: must be a JSON object");
  return std::move(body.as_object());
}

namespace detail {

const char* read_field(const boost::json::value* v, std::string& out) {
  if (v == nullptr) return "field required";
  if (!v->is_string()) return "must be a string";
  out = boost::json::value_to<std::string>(*v);
  return nullptr;
}

const char* read_field(const boost::json::value* v, std::optional<std::string>& out) {
  if (v == nullptr || v->is_null()) return nullptr;
  if (!v->is_string()) return "must be a string";
  out = boost::json::value_to<std::string>(*v);
  return nullptr;
}

const char* read_field(const boost::json::value* v, std::optional<std::vector<std::string>>& out) {
  if (v == nullptr || v->is_null()) return nullptr;
  if (!is_string_list(*v)) return "must be a list of strings";
  out = boost::json::value_to<std::vector<std::string>>(*v);
  return nullptr;
}

const char* read_field(const boost::json::value* v, std::optional<bool>& out) {
  if (v == nullptr) return nullptr;
  if (!v->is_bool()) return "must be a boolean";
  out = v->get_bool();
  return nullptr;
}

const char* read_field(const boost::json::value* v, std::optional<boost::json::value>& out) {
  if (v != nullptr) out = *v;
  return nullptr;
}

}  // namespace detail
}  // namespace common::http
