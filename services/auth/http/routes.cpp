// The one route table of auth-service (all endpoints on one screen).
#include "auth/http/routes.hpp"
#include "auth/http/handlers.hpp"

namespace auth::http {
namespace {

using handler_fn = awaitable<response> (*)(context&, request&);

common::http::handler bind(context& ctx, handler_fn fn) {
  return [&ctx, fn](request& req) { return fn(ctx, req); };
}

}  // namespace

common::http::router public_routes(context& ctx) {
  common::http::router r;
  r.add("GET", "/readyz", bind(ctx, readyz))
      .add("GET", "/.well-known/jwks.json", bind(ctx, jwks))
      .add("POST", "/api/auth/register", bind(ctx, register_user))
      .add("POST", "/api/auth/login", bind(ctx, login))
      .add("POST", "/api/auth/refresh", bind(ctx, refresh))
      .add("POST", "/api/auth/logout", bind(ctx, logout))
      .add("GET", "/api/auth/me", bind(ctx, me))
      .add("GET", "/api/auth/sessions", bind(ctx, list_sessions))
      .add("DELETE", "/api/auth/sessions/{id}", bind(ctx, revoke_session))
      .add("POST", "/api/auth/password", bind(ctx, change_password))
      .add("DELETE", "/api/auth/account", bind(ctx, delete_account))
      .add("POST", "/api/settings/api-key", bind(ctx, save_key))
      .add("GET", "/api/settings/api-keys", bind(ctx, list_keys))
      .add("PATCH", "/api/settings/api-key/{provider}", bind(ctx, update_key))
      .add("DELETE", "/api/settings/api-key/{provider}", bind(ctx, delete_key))
      .add("GET", "/api/settings/audit-log", bind(ctx, audit_log));
  return r;
}

common::http::router internal_routes(context& ctx) {
  common::http::router r;
  r.add("GET", "/readyz", bind(ctx, readyz)).add("GET", "/internal/v1/keys/{provider}", bind(ctx, release_key));
  return r;
}

}  // namespace auth::http
