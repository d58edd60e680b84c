// Fuzz target: request bodies and headers into what handlers use, through the services' public readers:
// auth (JSON object, string fields, input rules, client address behind proxies, bearer token, run id) and
// council (JSON object, string and string-list fields, model choice, message content rules, text helpers).
// Input: `<peer ip>\n<name: value>\n...\n\n<body>` (everything before the first blank line is the head).
#include "auth/domain/validation.hpp"
#include "auth/http/request_info.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/domain/text.hpp"
#include "council/http/json_body.hpp"
#include <cstdint>
#include <string>
#include <string_view>

namespace {

common::http::request make_request(std::string_view input) {
  common::http::request req;
  req.method = "POST";
  req.target = req.path = "/fuzz";
  const auto blank = input.find("\n\n");
  std::string_view head = input.substr(0, blank);
  req.body = blank == std::string_view::npos ? std::string() : std::string(input.substr(blank + 2));
  const auto first = head.find('\n');
  req.peer_ip = std::string(head.substr(0, first));
  head = first == std::string_view::npos ? std::string_view() : head.substr(first + 1);
  while (!head.empty()) {
    const auto end = head.find('\n');
    const std::string_view line = head.substr(0, end);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string value(line.substr(colon + 1));
      if (!value.empty() && value.front() == ' ') value.erase(0, 1);
      req.headers.emplace_back(std::string(line.substr(0, colon)), std::move(value));
    }
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + 1);
  }
  return req;
}

void check_auth(const common::http::request& req) {
  static const std::vector<common::ip_network> proxies{*common::ip_network::parse("10.0.0.0/8"),
                                                       *common::ip_network::parse("fd00::/8"),
                                                       *common::ip_network::parse("127.0.0.1")};
  const auto client = auth::http::client_of(req, proxies);
  if (client.user_agent.size() > 512) __builtin_trap();
  if (auto token = auth::http::bearer_token(req); token && token->size() > req.header("authorization")->size()) __builtin_trap();
  if (auth::http::run_id_of(req).size() > 100) __builtin_trap();

  boost::json::object body;
  if (auth::http::parse_object(req, body)) return;
  std::string text;
  if (!auth::http::read_string(body, "email", text)) {
    const std::string email = auth::domain::trim(text);
    (void)auth::domain::email_problem(email);
    (void)auth::domain::canonical_email(email);
  }
  for (const char* field : {"password", "current_password", "new_password"})
    if (!auth::http::read_string(body, field, text)) (void)auth::domain::password_problem(field, text);
  if (!auth::http::read_string(body, "api_key", text)) {
    const std::string key = auth::domain::trim(text);
    if (!auth::domain::api_key_problem(key) && auth::domain::key_hint(key).size() != 9) __builtin_trap();
  }
  if (!auth::http::read_string(body, "provider", text, false)) (void)auth::domain::known_provider(text);
  if (!auth::http::read_string(body, "endpoint", text, false)) (void)auth::domain::endpoint_problem(auth::domain::trim(text));
  (void)auth::http::read_string(body, "refresh_token", text);
}

void check_text(std::string_view text) {
  namespace d = council::domain;
  const std::size_t chars = d::char_count(text);
  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{60}}) {
    const std::string cut = d::truncate_chars(text, max);
    if (d::char_count(cut) > max || text.substr(0, cut.size()) != cut) __builtin_trap();
  }
  const std::string title = d::shorten(text, 60);
  if (d::char_count(title) > 60 || (chars <= 60 && title.size() > text.size())) __builtin_trap();
  (void)d::is_blank(text);
  (void)d::trim(text);
}

void check_council(const common::http::request& req) {
  static const council::domain::model_catalog catalog{
      {"openai/gpt-5.1", "google/gemini-3-pro-preview", "anthropic/claude-sonnet-4.5", "x-ai/grok-4"},
      {"openai/gpt-5.1", "google/gemini-3-pro-preview", "anthropic/claude-sonnet-4.5"},
      "google/gemini-3-pro-preview",
      "google/gemini-2.5-flash"};
  for (bool empty_is_object : {true, false}) {
    boost::json::object body;
    if (council::http::read_object(req, empty_is_object, body)) continue;
    council::http::field_error err;
    auto models = council::http::string_list_field(body, "models", err);
    auto lead = council::http::string_field(body, "lead_model", err);
    if (!err.response) {
      auto choice = council::domain::choose_models(std::move(models), std::move(lead), catalog);
      if (choice && choice->models.size() < 2) __builtin_trap();
    }
    council::http::field_error content_err;
    if (auto content = council::http::string_field(body, "content", content_err)) {
      (void)council::domain::content_problem(*content, 32000);
      check_text(*content);
    }
  }
  check_text(req.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto req = make_request(std::string_view(reinterpret_cast<const char*>(data), size));
  check_auth(req);
  check_council(req);
  return 0;
}
