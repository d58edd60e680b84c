// Finds the documented operation and response for a concrete request and answer, and checks the answer against it.
#include "support/openapi_responses.hpp"
#include "support/openapi_schema.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <vector>

namespace openapi {
namespace json = boost::json;
namespace {

/// The schema every answer to an undocumented path or method must have.
const json::value& error_schema() {
  static const json::value schema =
      json::parse(R"({"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}})");
  return schema;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The non-empty segments of a path without its query string (as the services' router splits it).
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  path = path.substr(0, path.find('?'));
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// Whether the path template `pattern` matches `path`; `literals` gets, per segment, whether it matched literally.
bool template_matches(std::string_view pattern, std::string_view path, std::vector<bool>& literals) {
  auto wanted = segments(pattern);
  auto given = segments(path);
  if (wanted.size() != given.size()) return false;
  literals.clear();
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    bool parameter = is_parameter(wanted[i]);
    if (!parameter && wanted[i] != given[i]) return false;
    literals.push_back(!parameter);
  }
  return true;
}

/// The documented operation answering `method path`, with its path template.
struct operation {
  std::string route;                         // "METHOD /template", or the request itself when undocumented
  const json::object* node = nullptr;        // nullptr when the document has no such path and method
};

/// Like the services' router: among matching templates, a literal segment beats a `{name}` at the first difference.
operation find_operation(const json::value& doc, std::string_view method, std::string_view path) {
  operation found{std::string(method) + " " + std::string(path.substr(0, path.find('?'))), nullptr};
  const auto* paths = doc.is_object() ? doc.as_object().if_contains("paths") : nullptr;
  if (!paths || !paths->is_object()) return found;
  std::vector<bool> best_literals;
  std::vector<bool> literals;
  for (const auto& [pattern, item] : paths->as_object()) {
    if (!template_matches(pattern, path, literals) || !item.is_object()) continue;
    const auto* op = item.as_object().if_contains(lower(method));
    if (!op || !op->is_object()) continue;
    if (found.node && literals <= best_literals) continue;
    found = operation{std::string(method) + " " + std::string(pattern), &op->as_object()};
    best_literals = literals;
  }
  return found;
}

/// The response object documented for `status` ("404", then "4XX", then "default"), through `$ref`s.
const json::object* documented_response(const json::value& doc, const json::object& op, int status) {
  const auto* responses = op.if_contains("responses");
  if (!responses || !responses->is_object()) return nullptr;
  const std::string exact = std::to_string(status);
  for (const std::string& key : {exact, exact.substr(0, 1) + "XX", std::string("default")}) {
    const auto* entry = responses->as_object().if_contains(key);
    if (!entry) continue;
    const json::value* response = dereference(doc, *entry);
    return response && response->is_object() ? &response->as_object() : nullptr;
  }
  return nullptr;
}

std::string documented_statuses(const json::object& op) {
  std::string out;
  if (const auto* responses = op.if_contains("responses"); responses && responses->is_object())
    for (const auto& [code, _] : responses->as_object()) out += (out.empty() ? "" : ", ") + std::string(code);
  return out;
}

/// The media type of a Content-Type value, lower-case and without parameters.
std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return lower(type);
}

bool is_json(std::string_view media) {
  return media == "application/json" || (media.size() > 5 && media.substr(media.size() - 5) == "+json");
}

/// Problems of a body that should be JSON matching `schema`; "" when it does.
std::string json_body_problems(const json::value& doc, const json::value& schema, std::string_view body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  if (ec) return "body is not JSON: " + std::string(body.substr(0, 200)) + "\n";
  return value_problems(doc, schema, value);
}

/// Problems of an answer to a path and method the document does not list.
std::string undocumented_problems(const json::value& doc, const operation& op, const exchange& answer) {
  std::string problems;
  if (answer.status < 400)
    problems += op.route + " is not documented, yet it answered " + std::to_string(answer.status) + "\n";
  if (!answer.content_type.empty() && !is_json(media_type(answer.content_type)))
    problems += "content-type " + std::string(answer.content_type) + " of an error is not JSON\n";
  return problems + json_body_problems(doc, error_schema(), answer.body);
}

/// Problems of the body against the `content` of a documented response.
std::string content_problems(const json::value& doc, const json::object& response, const exchange& answer) {
  const auto* content = response.if_contains("content");
  if (!content || !content->is_object() || content->as_object().empty())
    return answer.body.empty() ? "" : "a body where none is documented: " + std::string(answer.body.substr(0, 200)) + "\n";
  const auto& media = content->as_object();
  std::string given = media_type(answer.content_type);
  std::string problems;
  if (!given.empty() && !media.contains(given)) {
    std::string listed;
    for (const auto& [name, _] : media) listed += (listed.empty() ? "" : ", ") + std::string(name);
    problems += "content-type " + std::string(answer.content_type) + " is not documented (documented: " + listed + ")\n";
  }
  std::string checked = media.contains(given) ? given : media.contains("application/json") ? "application/json" : "";
  if (!is_json(checked)) return problems;
  const auto& entry = media.at(checked);
  const json::value* schema = entry.is_object() ? entry.as_object().if_contains("schema") : nullptr;
  return problems + (schema ? json_body_problems(doc, *schema, answer.body) : std::string());
}

// The schema of each event of a stream: OpenAPI 3.2's `itemSchema`, or the `x-itemSchema` extension that
// carries it in a 3.1 document (proto/council.openapi.yaml).
const json::value* item_schema(const json::object& media_type) {
  if (const auto* schema = media_type.if_contains("itemSchema")) return schema;
  return media_type.if_contains("x-itemSchema");
}

}  // namespace

std::string response_problems(const json::value& doc, const exchange& answer) {
  operation op = find_operation(doc, answer.method, answer.path);
  if (!op.node) return undocumented_problems(doc, op, answer);
  const json::object* response = documented_response(doc, *op.node, answer.status);
  if (!response)
    return "status " + std::to_string(answer.status) + " is not documented for " + op.route +
           " (documented: " + documented_statuses(*op.node) + "); body: " + std::string(answer.body.substr(0, 200)) + "\n";
  return content_problems(doc, *response, answer);
}

std::string response_problems(api which, const exchange& answer) { return response_problems(document(which), answer); }

std::string event_problems(const json::value& doc, std::string_view method, std::string_view path, const json::value& event) {
  operation op = find_operation(doc, method, path);
  if (!op.node) return op.route + " is not documented\n";
  const json::object* response = documented_response(doc, *op.node, 200);
  const json::value* schema = nullptr;
  if (response)
    if (const auto* content = response->if_contains("content"); content && content->is_object())
      if (const auto* stream = content->as_object().if_contains("text/event-stream"); stream && stream->is_object())
        schema = item_schema(stream->as_object());
  if (!schema) return op.route + " documents no itemSchema (or x-itemSchema) for a 200 text/event-stream\n";
  return value_problems(doc, *schema, event);
}

std::string event_problems(api which, std::string_view method, std::string_view path, const json::value& event) {
  return event_problems(document(which), method, path, event);
}

}  // namespace openapi
