// Every auth endpoint handler: parse the request, call the use case, map the outcome (routes.cpp binds them).
#pragma once
#include "common/http/message.hpp"
#include "auth/http/context.hpp"

namespace auth::http {
using common::awaitable;
using common::http::request;
using common::http::response;

// account_handlers.cpp
/// POST /api/auth/register {email, password}.
awaitable<response> register_user(context& ctx, request& req);
/// POST /api/auth/login {email, password}.
awaitable<response> login(context& ctx, request& req);
/// GET /api/auth/me.
awaitable<response> me(context& ctx, request& req);
/// POST /api/auth/password {current_password, new_password}.
awaitable<response> change_password(context& ctx, request& req);
/// DELETE /api/auth/account {password}.
awaitable<response> delete_account(context& ctx, request& req);
/// GET /api/auth/config: {registration}.
awaitable<response> registration_config(context& ctx, request& req);
/// POST /api/auth/password-reset {token, new_password}.
awaitable<response> reset_password(context& ctx, request& req);
/// GET /.well-known/jwks.json.
awaitable<response> jwks(context& ctx, request& req);
/// GET /readyz: 200 when the database answers.
awaitable<response> readyz(context& ctx, request& req);

// session_handlers.cpp
/// POST /api/auth/refresh {refresh_token}.
awaitable<response> refresh(context& ctx, request& req);
/// POST /api/auth/logout {refresh_token}.
awaitable<response> logout(context& ctx, request& req);
/// GET /api/auth/sessions.
awaitable<response> list_sessions(context& ctx, request& req);
/// DELETE /api/auth/sessions/{id}.
awaitable<response> revoke_session(context& ctx, request& req);

// key_handlers.cpp
/// POST /api/settings/api-key {api_key, provider = "openrouter"}.
awaitable<response> save_key(context& ctx, request& req);
/// GET /api/settings/api-keys.
awaitable<response> list_keys(context& ctx, request& req);
/// PATCH /api/settings/api-key/{provider} {enabled?, endpoint?}.
awaitable<response> update_key(context& ctx, request& req);
/// DELETE /api/settings/api-key/{provider}.
awaitable<response> delete_key(context& ctx, request& req);
/// POST /api/settings/api-key/{provider}/test: the stored key checked again at the provider.
awaitable<response> test_key(context& ctx, request& req);
/// GET /api/settings/audit-log?limit=&before=.
awaitable<response> audit_log(context& ctx, request& req);

// admin_handlers.cpp (each needs an admin's bearer token)
/// GET /api/admin/users.
awaitable<response> admin_list_users(context& ctx, request& req);
/// POST /api/admin/users/{id}/disable.
awaitable<response> admin_disable_user(context& ctx, request& req);
/// POST /api/admin/users/{id}/enable.
awaitable<response> admin_enable_user(context& ctx, request& req);
/// POST /api/admin/invites {uses?, expires_in_days?}.
awaitable<response> admin_create_invite(context& ctx, request& req);
/// POST /api/admin/users/{id}/password-reset.
awaitable<response> admin_password_reset(context& ctx, request& req);

// internal_handlers.cpp
/// GET /internal/v1/keys/{provider} over mutual TLS: allowed client identity + user token.
awaitable<response> release_key(context& ctx, request& req);
/// GET /internal/v1/account-export over mutual TLS: allowed client identity + user token.
awaitable<response> export_account(context& ctx, request& req);
/// GET /internal/v1/revocations?after=<cursor> over mutual TLS: allowed client identity only (no user token).
awaitable<response> revocation_feed(context& ctx, request& req);
/// GET /internal/v1/jwks over mutual TLS: allowed client identity only; the public JWKS document.
awaitable<response> internal_jwks(context& ctx, request& req);

}  // namespace auth::http
