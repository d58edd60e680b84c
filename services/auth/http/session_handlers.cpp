// Handlers of refresh, logout, session listing and session revocation.
#include "auth/api.hpp"
#include "common/http/json_body.hpp"
#include "auth/domain/sessions.hpp"
#include "auth/http/handlers.hpp"
#include "auth/http/request_info.hpp"
#include "auth/http/responses.hpp"

namespace auth::http {
namespace {

/// Reads {refresh_token}; returns the error response when absent or not a string.
std::optional<response> read_refresh_token(const request& req, std::string& token) {
  auto body = common::http::read_body<api::refresh_in>(req);
  if (!body) return body.error();
  token = std::move(body->refresh_token);
  return std::nullopt;
}

}  // namespace

awaitable<response> refresh(context& ctx, request& req) {
  std::string token;
  if (auto bad = read_refresh_token(req, token)) co_return std::move(*bad);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto tokens = co_await domain::refresh(ctx.svc, std::move(token), std::move(client));
  if (!tokens) co_return failure_response(domain::fail(domain::errc::invalid_token, "Invalid or expired refresh token"));
  co_return token_ok(*tokens);
}

awaitable<response> logout(context& ctx, request& req) {
  std::string token;
  if (auto bad = read_refresh_token(req, token)) co_return std::move(*bad);
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto done = co_await domain::logout(ctx.svc, std::move(token), std::move(client));
  if (!done) co_return failure_response(domain::fail(domain::errc::invalid_token, "Invalid or expired refresh token"));
  co_return ok(api::status_out{"ok"});
}

awaitable<response> list_sessions(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto sessions = co_await domain::list_sessions(ctx.svc, std::move(*who));
  co_return ok(sessions);
}

awaitable<response> revoke_session(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string session_id(req.param("id"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto done = co_await domain::revoke_session(ctx.svc, std::move(*who), std::move(session_id), std::move(client));
  if (!done) co_return failure_response(done.error());
  co_return ok(api::status_out{"ok"});
}

}  // namespace auth::http
