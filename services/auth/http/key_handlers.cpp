// Handlers of the provider-key settings and of the user's audit log.
#include "auth/api.hpp"
#include "common/http/json_body.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/key_checks.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/validation.hpp"
#include "auth/http/handlers.hpp"
#include "auth/http/request_info.hpp"
#include "auth/http/responses.hpp"
#include <charconv>
#include <limits>

namespace auth::http {
namespace {

/// Reads an `endpoint` field (https URL string, or null / empty for none) into `out`; returns the 422 sentence
/// when it has the wrong type or form.
std::optional<std::string> read_endpoint(const boost::json::value& endpoint, std::optional<std::string>& out) {
  if (endpoint.is_string()) {
    std::string url = domain::trim(endpoint.as_string());
    if (url.empty()) return std::nullopt;
    if (auto problem = domain::endpoint_problem(url)) return problem;
    out = std::move(url);
  } else if (!endpoint.is_null()) {
    return "endpoint: must be an https URL or null";
  }
  return std::nullopt;
}

/// Reads the PATCH fields into `changes`; returns the 422 sentence when one has the wrong type or form.
std::optional<std::string> read_changes(const api::key_patch_in& body, domain::key_changes& changes) {
  changes.enabled = body.enabled;
  if (!body.endpoint) return std::nullopt;
  changes.change_endpoint = true;
  return read_endpoint(*body.endpoint, changes.endpoint);
}

/// Confirms the current password an endpoint change must carry: the 403 (missing), 401 (wrong) or 429 answer
/// when refused, nullopt when confirmed.
awaitable<std::optional<response>> endpoint_password_refusal(context& ctx, domain::principal who,
                                                            std::optional<std::string> password,
                                                            domain::client_info client) {
  if (!password || password->empty()) co_return failure_response(domain::fail(domain::errc::password_required));
  auto confirmed = co_await domain::confirm_password(ctx.svc, std::move(who), std::move(*password),
                                                     domain::audit_action::key_endpoint_changed, std::move(client));
  if (confirmed) co_return std::nullopt;
  domain::failure f = confirmed.error();
  if (f.code == domain::errc::wrong_password) f.detail = "Current password is incorrect.";
  co_return failure_response(f);
}

/// Positive integer query parameter; nullopt when absent, `bad` set when not a number in [min, max].
std::optional<long long> int_param(const request& req, std::string_view name, long long min, long long max, bool& bad) {
  auto text = req.query_param(name);
  if (!text) return std::nullopt;
  long long v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc{} || p != text->data() + text->size() || v < min || v > max) {
    bad = true;
    return std::nullopt;
  }
  return v;
}

}  // namespace

awaitable<response> save_key(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto body = common::http::read_body<api::key_in>(req);
  if (!body) co_return body.error();
  std::string provider = body->provider.value_or(std::string(domain::openrouter_provider));
  std::string api_key = domain::trim(body->api_key);
  if (!domain::known_provider(provider)) co_return unprocessable("provider: unknown provider");
  if (auto problem = domain::api_key_problem(api_key)) co_return unprocessable(*problem);
  std::optional<std::string> endpoint;
  if (body->endpoint)
    if (auto problem = read_endpoint(*body->endpoint, endpoint)) co_return unprocessable(*problem);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  if (endpoint) {
    auto refused = co_await endpoint_password_refusal(ctx, *who, std::move(body->current_password), client);
    if (refused) co_return std::move(*refused);
  }
  std::string source = "api";
  domain::key_check_services checks{ctx.keys, ctx.key_checker};
  auto saved = co_await domain::save_checked_key(checks, std::move(who->user_id), std::move(provider),
                                                 std::move(api_key), body->validate.value_or(true), std::move(source),
                                                 std::move(client), std::move(endpoint));
  if (!saved) co_return failure_response(saved.error());
  co_return ok(*saved);
}

awaitable<response> test_key(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string provider(req.param("provider"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  domain::key_check_services checks{ctx.keys, ctx.key_checker};
  auto tested = co_await domain::test_key(checks, std::move(who->user_id), std::move(provider), std::move(client));
  if (!tested) co_return failure_response(tested.error());
  co_return ok(*tested);
}

awaitable<response> list_keys(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto keys = co_await domain::list_keys(ctx.keys, std::move(who->user_id));
  co_return ok(keys);
}

awaitable<response> update_key(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto body = common::http::read_body<api::key_patch_in>(req);
  if (!body) co_return body.error();
  domain::key_changes changes;
  if (auto problem = read_changes(*body, changes)) co_return unprocessable(*problem);
  std::string provider(req.param("provider"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  if (changes.change_endpoint) {
    auto refused = co_await endpoint_password_refusal(ctx, *who, std::move(body->current_password), client);
    if (refused) co_return std::move(*refused);
  }
  auto updated = co_await domain::update_key(ctx.keys, std::move(who->user_id), std::move(provider),
                                             std::move(changes), std::move(client));
  if (!updated) co_return failure_response(updated.error());
  co_return ok(*updated);
}

awaitable<response> delete_key(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string provider(req.param("provider"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto deleted =
      co_await domain::delete_key(ctx.keys, std::move(who->user_id), std::move(provider), std::move(client));
  if (!deleted) co_return failure_response(deleted.error());
  co_return ok(api::status_out{"deleted"});
}

awaitable<response> audit_log(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  bool bad_limit = false, bad_before = false;
  auto limit = int_param(req, "limit", 1, 200, bad_limit);
  auto before = int_param(req, "before", 1, std::numeric_limits<long long>::max(), bad_before);
  if (bad_limit) co_return unprocessable("limit: must be an integer between 1 and 200");
  if (bad_before) co_return unprocessable("before: must be a positive integer event id");
  auto events = co_await domain::read_audit_log(ctx.svc, std::move(who->user_id),
                                                static_cast<int>(limit.value_or(50)), before);
  co_return ok(events);
}

}  // namespace auth::http
