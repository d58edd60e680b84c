// Fuzz target: request bodies and headers into what handlers use, through the readers the handlers use:
// the service kit (JSON object, described request bodies, bearer token), auth (input rules, client address
// behind proxies, run id) and council (model choice, message content rules, text helpers).
// Input: `<peer ip>\n<name: value>\n...\n\n<body>` (everything before the first blank line is the head).
#include "auth/api.hpp"
#include "auth/domain/validation.hpp"
#include "auth/http/request_info.hpp"
#include "common/http/bearer.hpp"
#include "common/http/json_body.hpp"
#include "council/api.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/text/text.hpp"
#include "council/values/model_catalog.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// A body the kit refuses is refused with 400 (malformed JSON) or 422 (not an object, or a bad field).
template <typename T>
std::optional<T> body_of(const common::http::request& req,
                         common::http::blank_body blank = common::http::blank_body::malformed) {
  auto read = common::http::read_body<T>(req, blank);
  if (read) return std::move(*read);
  if (read.error().status != 400 && read.error().status != 422) __builtin_trap();
  return std::nullopt;
}

void check_auth(const common::http::request& req) {
  static const std::vector<common::ip_network> proxies{*common::ip_network::parse("10.0.0.0/8"),
                                                       *common::ip_network::parse("fd00::/8"),
                                                       *common::ip_network::parse("127.0.0.1")};
  const auto client = auth::http::client_of(req, proxies);
  if (client.user_agent.size() > 512) __builtin_trap();
  if (auto token = common::http::bearer_token(req); token && token->size() > req.header("authorization")->size()) __builtin_trap();
  if (auth::http::run_id_of(req).size() > 100) __builtin_trap();

  if (auto in = body_of<auth::api::credentials_in>(req)) {
    const std::string email = auth::domain::trim(in->email);
    (void)auth::domain::email_problem(email);
    (void)auth::domain::canonical_email(email);
    (void)auth::domain::password_problem("password", in->password);
  }
  if (auto in = body_of<auth::api::password_change_in>(req))
    (void)auth::domain::password_problem("new_password", in->new_password);
  if (auto in = body_of<auth::api::password_in>(req)) (void)auth::domain::password_problem("password", in->password);
  if (auto in = body_of<auth::api::key_in>(req)) {
    const std::string key = auth::domain::trim(in->api_key);
    if (!auth::domain::api_key_problem(key) && auth::domain::key_hint(key).size() != 9) __builtin_trap();
    if (in->provider) (void)auth::domain::known_provider(*in->provider);
  }
  if (auto in = body_of<auth::api::key_patch_in>(req); in && in->endpoint && in->endpoint->is_string())
    (void)auth::domain::endpoint_problem(auth::domain::trim(in->endpoint->as_string()));
  (void)body_of<auth::api::refresh_in>(req);
}

void check_text(std::string_view text) {
  namespace t = council::text;
  const std::size_t chars = t::char_count(text);
  for (std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{60}}) {
    const std::string cut = t::truncate_chars(text, max);
    if (t::char_count(cut) > max || text.substr(0, cut.size()) != cut) __builtin_trap();
  }
  const std::string title = t::shorten(text, 60);
  if (t::char_count(title) > 60 || (chars <= 60 && title.size() > text.size())) __builtin_trap();
  (void)t::is_blank(text);
  (void)t::trim(text);
}

void check_council(const common::http::request& req) {
  static const council::values::model_catalog catalog{
      {"openai/gpt-5.1", "google/gemini-3-pro-preview", "anthropic/claude-sonnet-4.5", "x-ai/grok-4"},
      {"openai/gpt-5.1", "google/gemini-3-pro-preview", "anthropic/claude-sonnet-4.5"},
      "google/gemini-3-pro-preview",
      "google/gemini-2.5-flash"};
  for (auto blank : {common::http::blank_body::empty_object, common::http::blank_body::malformed}) {
    if (auto in = body_of<council::api::conversation_in>(req, blank)) {
      auto choice = council::domain::choose_models(std::move(in->models), std::move(in->lead_model), catalog);
      if (choice && choice->models.size() < 2) __builtin_trap();
    }
  }
  if (auto in = body_of<council::api::message_in>(req); in && in->content) {
    (void)council::domain::content_problem(*in->content, 32000);
    check_text(*in->content);
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
