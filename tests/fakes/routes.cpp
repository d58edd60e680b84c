// Handlers of the fake OpenRouter: OpenAI-compatible answers shaped by the test-controlled behaviour.
#include "fakes/routes.hpp"
#include "fakes/answers.hpp"
#include "fakes/streamed_answer.hpp"
#include "common/core/asio.hpp"
#include "common/core/time.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <stdexcept>

namespace fake_openrouter {
namespace {

namespace json = boost::json;
namespace http = common::http;
using common::awaitable;

constexpr std::size_t key_hint_chars = 6;

/// OpenRouter's error shape: {"error": {"message", "code"}}.
http::response provider_error(int status, std::string_view message) {
  json::object inner;
  inner["message"] = message;
  inner["code"] = status;
  json::object body;
  body["error"] = std::move(inner);
  return http::json(status, body);
}

/// The bearer token of the Authorization header ("" when absent).
std::string bearer_of(const http::request& req) {
  const std::string_view value = req.header("authorization").value_or("");
  constexpr std::string_view scheme = "Bearer ";
  if (value.size() < scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != std::tolower(static_cast<unsigned char>(scheme[i]))) {
      return {};
    }
  }
  return std::string(value.substr(scheme.size()));
}

/// The text of the last user message (string content, or the text parts of array content).
std::string last_user_prompt(const json::array& messages) {
  for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
    const json::object* message = it->if_object();
    if (message == nullptr) continue;
    const json::value* role = message->if_contains("role");
    if (role == nullptr || !role->is_string() || role->as_string() != "user") continue;
    const json::value* content = message->if_contains("content");
    if (content == nullptr) return {};
    if (content->is_string()) return std::string(content->as_string());
    std::string text;
    if (const json::array* parts = content->if_array()) {
      for (const json::value& part : *parts) {
        const json::object* p = part.if_object();
        const json::value* t = p == nullptr ? nullptr : p->if_contains("text");
        if (t != nullptr && t->is_string()) text += std::string(t->as_string()) + "\n";
      }
    }
    return text;
  }
  return {};
}

/// The log entry of one chat request; holds only the last characters of the key. "parameters" holds every body
/// field but model and messages (temperature, max_tokens, usage, ...).
json::object log_entry(const http::request& req, const std::string& model, const std::string& bearer,
                       const json::value& body, const json::value& messages) {
  json::object entry;
  entry["model"] = model;
  if (bearer.empty()) {
    entry["authorization_hint"] = nullptr;
  } else {
    entry["authorization_hint"] = bearer.substr(bearer.size() - std::min(bearer.size(), key_hint_chars));
  }
  entry["messages"] = messages;
  json::object parameters;
  if (const json::object* fields = body.if_object()) {
    for (const auto& field : *fields)
      if (field.key() != "model" && field.key() != "messages") parameters[field.key()] = field.value();
  }
  entry["parameters"] = std::move(parameters);
  json::object headers;
  for (const char* name : {"http-referer", "x-title", "content-type", "user-agent"}) {
    if (auto value = req.header(name)) headers[name] = *value;
  }
  entry["headers"] = std::move(headers);
  entry["path"] = req.path;
  entry["at"] = common::format_rfc3339(common::now_utc());
  return entry;
}

json::object completion(const std::string& id, const std::string& model, const json::value& content) {
  json::object message;
  message["role"] = "assistant";
  message["content"] = content;
  json::object choice;
  choice["index"] = 0;
  choice["message"] = std::move(message);
  choice["finish_reason"] = "stop";
  json::object body;
  body["id"] = id;
  body["object"] = "chat.completion";
  body["created"] = common::unix_seconds();
  body["model"] = model;
  body["provider"] = "fake-openrouter";
  json::array choices;
  choices.emplace_back(std::move(choice));
  body["choices"] = std::move(choices);
  return body;
}

/// True when the request body has `"<name>": true` (or, for "usage", `"usage": {"include": true}`).
bool asks_for(const json::object& body, std::string_view name) {
  const json::value* v = body.if_contains(name);
  if (v == nullptr) return false;
  if (v->is_bool()) return v->as_bool();
  const json::object* o = v->if_object();
  const json::value* include = o == nullptr ? nullptr : o->if_contains("include");
  return include != nullptr && include->is_bool() && include->as_bool();
}

/// Bytes of every message's text content (the prompt's size for usage).
std::size_t prompt_bytes(const json::array& messages) {
  std::size_t bytes = 0;
  for (const json::value& m : messages) {
    const json::object* o = m.if_object();
    const json::value* content = o == nullptr ? nullptr : o->if_contains("content");
    if (content != nullptr && content->is_string()) bytes += content->as_string().size();
  }
  return bytes;
}

awaitable<http::response> chat_completion(fake_state& state, http::request& req) {
  boost::system::error_code ec;
  const json::value body = json::parse(req.body, ec);
  if (ec || !body.is_object()) co_return provider_error(400, "Invalid JSON body");
  const json::value* model_value = body.as_object().if_contains("model");
  const json::value* messages = body.as_object().if_contains("messages");
  if (model_value == nullptr || !model_value->is_string() || model_value->as_string().empty()) {
    co_return provider_error(400, "model: a model name is required");
  }
  if (messages == nullptr || !messages->is_array()) co_return provider_error(400, "messages: an array is required");
  const std::string model(model_value->as_string());
  const std::string bearer = bearer_of(req);
  state.record(log_entry(req, model, bearer, body, *messages));
  if (state.config().require_key && bearer != *state.config().require_key) {
    co_return provider_error(401, "No auth credentials found");
  }
  const call_plan plan = plan_call(state.behaviour_for(model), state.next_call(model));
  if (plan.latency.count() > 0) co_await common::sleep_for(plan.latency);
  if (plan.hang) {
    co_await common::sleep_for(std::chrono::hours(24));
    co_return provider_error(504, "The fake hung for a day");
  }
  if (plan.status != 200) {
    http::response error = provider_error(plan.status, plan.error_message);
    if (plan.retry_after) error.set_header("retry-after", std::to_string(*plan.retry_after));
    co_return error;
  }
  const bool stream = asks_for(body.as_object(), "stream");
  if (plan.malformed && !stream) {
    http::response broken;
    broken.set_header("content-type", "application/json");
    broken.body = "{\"id\": \"gen-broken\", \"choices\": [{\"message\": ";
    co_return broken;
  }
  std::string answer;
  if (!plan.null_content) answer = plan.content ? *plan.content : default_answer(model, last_user_prompt(messages->as_array()));
  if (plan.answer_bytes && !plan.null_content) answer = sized_answer(std::move(answer), *plan.answer_bytes);
  std::optional<json::object> usage;
  if (asks_for(body.as_object(), "usage")) usage = usage_for(prompt_bytes(messages->as_array()), answer.size());
  if (stream) {
    stream_script script;
    script.id = state.next_id();
    script.model = model;
    script.chunks = answer_chunks(answer, plan.chunk_bytes);
    script.null_content = plan.null_content;
    script.malformed = plan.malformed;
    script.usage = std::move(usage);
    script.plan = &plan;
    co_return streamed_completion(std::move(script));
  }
  json::value content;
  if (!plan.null_content) content = std::move(answer);
  json::object reply = completion(state.next_id(), model, content);
  if (usage) reply["usage"] = std::move(*usage);
  co_return http::json(200, reply);
}

awaitable<http::response> key_info(fake_state& state, http::request& req) {
  const std::string bearer = bearer_of(req);
  json::object entry;
  entry["authorization_hint"] = bearer.substr(bearer.size() - std::min(bearer.size(), key_hint_chars));
  entry["path"] = req.path;
  entry["at"] = common::format_rfc3339(common::now_utc());
  state.record_key_request(std::move(entry));
  key_answer answer = answer_key(state.config().key, state.config().require_key, bearer);
  co_return http::json(answer.status, answer.body);
}

awaitable<http::response> configure(fake_state& state, http::request& req) {
  boost::system::error_code ec;
  const json::value body = json::parse(req.body, ec);
  if (ec) co_return http::error(400, "Malformed JSON");
  std::string problem;
  try {
    state.configure(parse_config(body));
  } catch (const std::invalid_argument& e) {
    problem = e.what();
  }
  if (!problem.empty()) co_return http::error(422, problem);
  co_return http::json(200, json::object{{"status", "ok"}});
}

awaitable<http::response> reset(fake_state& state) {
  state.reset();
  co_return http::json(200, json::object{{"status", "ok"}});
}

awaitable<http::response> requests(fake_state& state) { co_return http::json(200, state.requests()); }

awaitable<http::response> key_requests(fake_state& state) { co_return http::json(200, state.key_requests()); }

}  // namespace

http::router make_routes(fake_state& state) {
  http::router routes;
  auto chat = [&state](http::request& req) { return chat_completion(state, req); };
  routes.add("POST", "/api/v1/chat/completions", chat);
  routes.add("POST", "/chat/completions", chat);
  auto key = [&state](http::request& req) { return key_info(state, req); };
  routes.add("GET", "/api/v1/key", key);
  routes.add("GET", "/key", key);
  routes.add("POST", "/_fake/config", [&state](http::request& req) { return configure(state, req); });
  routes.add("POST", "/_fake/reset", [&state](http::request&) { return reset(state); });
  routes.add("GET", "/_fake/requests", [&state](http::request&) { return requests(state); });
  routes.add("GET", "/_fake/key-requests", [&state](http::request&) { return key_requests(state); });
  return routes;
}

}  // namespace fake_openrouter
