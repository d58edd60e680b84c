// Handlers of registration (and its configuration), login, profile, password change and reset, account deletion,
// JWKS and readiness.
#include "auth/api.hpp"
#include "common/http/json_body.hpp"
#include "common/http/json_response.hpp"
#include "common/http/probes.hpp"
#include "common/pg/probe.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/password_resets.hpp"
#include "auth/domain/sessions.hpp"
#include "auth/domain/validation.hpp"
#include "auth/http/handlers.hpp"
#include "auth/http/request_info.hpp"
#include "auth/http/responses.hpp"

namespace auth::http {
namespace {

/// Takes the email (trimmed) and password of a credentials body; returns the 422 response when one is invalid.
template <typename Body>
std::optional<response> take_credentials(Body& body, std::string& email, std::string& password) {
  email = domain::trim(body.email);
  password = std::move(body.password);
  if (auto problem = domain::email_problem(email)) return unprocessable(*problem);
  if (auto problem = domain::password_problem("password", password)) return unprocessable(*problem);
  return std::nullopt;
}

/// Reads {email, password}, trimming the email; returns the error response when invalid.
std::optional<response> read_credentials(const request& req, std::string& email, std::string& password) {
  auto body = common::http::read_body<api::credentials_in>(req);
  if (!body) return body.error();
  return take_credentials(*body, email, password);
}

api::status_out status(std::string text) { return api::status_out{std::move(text)}; }

}  // namespace

awaitable<response> register_user(context& ctx, request& req) {
  auto body = common::http::read_body<api::register_in>(req);
  if (!body) co_return body.error();
  std::string email, password;
  if (auto bad = take_credentials(*body, email, password)) co_return std::move(*bad);
  std::optional<std::string> invite_code = std::move(body->invite_code);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto tokens = co_await domain::register_account(ctx.svc, std::move(email), std::move(password), std::move(client),
                                                  std::move(invite_code));
  if (!tokens) co_return failure_response(tokens.error());
  co_return token_ok(*tokens);
}

awaitable<response> login(context& ctx, request& req) {
  std::string email, password;
  if (auto bad = read_credentials(req, email, password)) co_return std::move(*bad);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  bool https = client.https;
  auto done = co_await domain::sign_in(ctx.svc, std::move(email), std::move(password), std::move(client));
  if (!done) co_return failure_response(done.error());
  response r = token_ok(done->tokens);
  with_device_cookie(r, done->device_token, https);
  co_return r;
}

awaitable<response> me(context& ctx, request& req) {
  auto token = bearer_of(req);
  if (!token) co_return failure_response(token.error());
  auto user = co_await domain::whoami(ctx.svc, std::move(*token));
  if (!user) co_return failure_response(user.error());
  co_return common::http::json_written(200, *user);
}

awaitable<response> change_password(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto body = common::http::read_body<api::password_change_in>(req);
  if (!body) co_return body.error();
  std::string current = std::move(body->current_password);
  std::string next = std::move(body->new_password);
  if (current.empty()) co_return unprocessable("current_password: must not be empty");
  if (auto problem = domain::password_problem("new_password", next)) co_return unprocessable(*problem);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto changed = co_await domain::change_password(ctx.svc, std::move(*who), std::move(current), std::move(next),
                                                  std::move(client));
  if (!changed) {
    domain::failure f = changed.error();
    if (f.code == domain::errc::wrong_password) f.detail = "Current password is incorrect";
    co_return failure_response(f);
  }
  co_return ok(status("ok"));
}

awaitable<response> delete_account(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto body = common::http::read_body<api::password_in>(req);
  if (!body) co_return body.error();
  std::string password = std::move(body->password);
  if (password.empty()) co_return unprocessable("password: must not be empty");
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto deleted = co_await domain::delete_account(ctx.svc, std::move(*who), std::move(password), std::move(client));
  if (!deleted) co_return failure_response(deleted.error());
  co_return ok(status("ok"));
}

awaitable<response> registration_config(context& ctx, request&) {
  api::config_out config{std::string(wire_name(ctx.svc.accounts.registration))};
  co_return ok(config);
}

awaitable<response> reset_password(context& ctx, request& req) {
  auto body = common::http::read_body<api::password_reset_in>(req);
  if (!body) co_return body.error();
  std::string token = std::move(body->token);
  std::string password = std::move(body->new_password);
  if (auto problem = domain::password_problem("new_password", password)) co_return unprocessable(*problem);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto reset = co_await domain::reset_password(ctx.svc, std::move(token), std::move(password), std::move(client));
  if (!reset) co_return failure_response(reset.error());
  co_return ok(status("password reset"));
}

awaitable<response> jwks(context& ctx, request&) {
  response r = common::http::json(200, ctx.svc.tokens.jwks());
  r.set_header("cache-control", "public, max-age=300");
  co_return r;
}

awaitable<response> readyz(context& ctx, request&) {
  std::vector<common::http::readiness_check> checks{[&ctx] { return common::pg::database_problem(ctx.svc.db); }};
  co_return co_await common::http::readyz_response(checks);
}

}  // namespace auth::http
