// Failure -> status/detail table of the auth API (proto/auth.openapi.yaml), plus bearer authentication.
#include "auth/http/responses.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/admin.hpp"
#include "auth/domain/sessions.hpp"
#include "auth/http/request_info.hpp"
#include <algorithm>

namespace auth::http {
namespace {
using domain::errc;

struct mapping {
  int status;
  std::string_view detail;
};

mapping map(errc code) {
  switch (code) {
    case errc::invalid_credentials: return {401, "Invalid email or password"};
    case errc::email_taken: return {400, "Email already registered"};
    case errc::throttled: return {429, "Too many requests. Try again later."};
    case errc::invalid_token: return {401, "Invalid or expired token"};
    case errc::user_not_found: return {404, "User not found"};
    case errc::session_not_found: return {404, "Session not found"};
    case errc::wrong_password: return {401, "Incorrect password"};
    case errc::key_not_found: return {404, "API key not found"};
    case errc::key_disabled: return {403, "API key is disabled"};
    case errc::key_unreadable: return {500, "Stored API key cannot be decrypted"};
    case errc::invalid_input: return {422, "Invalid input"};
    case errc::registration_closed: return {403, "Registration is closed."};
    case errc::invite_refused: return {403, "An invite code is required to register."};
    case errc::account_disabled: return {403, "This account is disabled."};
    case errc::admin_only: return {403, "Admin only."};
    case errc::cannot_disable_self: return {400, "Admins cannot disable their own account."};
    case errc::reset_token_invalid: return {400, "This reset link is not valid."};
    case errc::key_rejected: return {400, "The provider rejected this key."};
    case errc::key_check_failed: return {503, "The provider could not be reached to check this key."};
    case errc::endpoint_refused: return {400, "Your custom API endpoint cannot be used."};
    case errc::password_required: return {403, "Changing the custom endpoint needs your current password."};
  }
  return {500, "Internal Server Error"};
}

}  // namespace

common::http::response failure_response(const domain::failure& f) {
  mapping m = map(f.code);
  common::http::response r = common::http::error(m.status, f.detail.empty() ? m.detail : f.detail);
  if (f.code == errc::invalid_token) r.set_header("www-authenticate", "Bearer");
  if (f.code == errc::throttled) r.set_header("retry-after", std::to_string(std::max(1LL, f.retry_after)));
  return r;
}

common::http::response unprocessable(std::string_view detail) { return common::http::error(422, detail); }

common::http::response token_ok(const api::token_response& tokens) {
  common::http::response r = ok(tokens);
  r.set_header("cache-control", "no-store");
  r.set_header("pragma", "no-cache");
  return r;
}

common::http::response& with_device_cookie(common::http::response& r, std::string_view token, bool https) {
  std::string cookie = std::string(device_cookie_name) + "=" + std::string(token) +
                       "; Path=/api/auth; Max-Age=" + std::to_string(domain::device_cookie_days * 86400LL) +
                       "; HttpOnly; SameSite=Strict";
  if (https) cookie += "; Secure";
  r.set_header("set-cookie", std::move(cookie));
  return r;
}

domain::outcome<std::string> bearer_of(const common::http::request& req) {
  auto token = bearer_token(req);
  if (!token) return domain::fail(errc::invalid_token, "Not authenticated");
  if (token->empty()) return domain::fail(errc::invalid_token);
  return std::move(*token);
}

common::awaitable<domain::outcome<domain::principal>> authenticate(context& ctx, common::http::request& req,
                                                                   bool gone_is_not_found) {
  auto token = bearer_of(req);
  if (!token) co_return token.error();
  auto who = co_await domain::authenticate(ctx.svc, std::move(*token));
  if (!who && who.error().code == errc::user_not_found && !gone_is_not_found) co_return domain::fail(errc::invalid_token);
  co_return who;
}

common::awaitable<domain::outcome<domain::principal>> authenticate_admin(context& ctx, common::http::request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return who;
  domain::admin_services admin{ctx.svc.db, ctx.svc.accounts};
  auto allowed = co_await domain::require_admin(admin, who->user_id);
  if (!allowed) co_return allowed.error();
  co_return who;
}

}  // namespace auth::http
