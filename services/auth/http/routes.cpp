// The one route table of auth-service (all endpoints on one screen), as data bound to a context at start.
#include "auth/http/routes.hpp"
#include "auth/http/handlers.hpp"
#include <array>

namespace auth::http {
namespace {

using route = common::http::route<context>;

constexpr std::array public_table{
    route{"GET", "/readyz", readyz},
    route{"GET", "/.well-known/jwks.json", jwks},
    route{"POST", "/api/auth/register", register_user},
    route{"POST", "/api/auth/login", login},
    route{"POST", "/api/auth/refresh", refresh},
    route{"POST", "/api/auth/logout", logout},
    route{"GET", "/api/auth/me", me},
    route{"GET", "/api/auth/sessions", list_sessions},
    route{"DELETE", "/api/auth/sessions/{id}", revoke_session},
    route{"POST", "/api/auth/password", change_password},
    route{"DELETE", "/api/auth/account", delete_account},
    route{"POST", "/api/settings/api-key", save_key},
    route{"GET", "/api/settings/api-keys", list_keys},
    route{"PATCH", "/api/settings/api-key/{provider}", update_key},
    route{"DELETE", "/api/settings/api-key/{provider}", delete_key},
    route{"GET", "/api/settings/audit-log", audit_log},
    route{"GET", "/api/auth/config", registration_config},
    route{"POST", "/api/auth/password-reset", reset_password},
    route{"GET", "/api/admin/users", admin_list_users},
    route{"POST", "/api/admin/users/{id}/disable", admin_disable_user},
    route{"POST", "/api/admin/users/{id}/enable", admin_enable_user},
    route{"POST", "/api/admin/invites", admin_create_invite},
    route{"POST", "/api/admin/users/{id}/password-reset", admin_password_reset},
    route{"POST", "/api/settings/api-key/{provider}/test", test_key},
};

constexpr std::array internal_table{
    route{"GET", "/readyz", readyz},
    route{"GET", "/internal/v1/keys/{provider}", release_key},
    route{"GET", "/internal/v1/account-export", export_account},
    route{"GET", "/internal/v1/revocations", revocation_feed},
    route{"GET", "/internal/v1/jwks", internal_jwks},
};

}  // namespace

std::span<const common::http::route<context>> public_route_table() { return public_table; }

std::span<const common::http::route<context>> internal_route_table() { return internal_table; }

common::http::router public_routes(context& ctx) { return common::http::bind_routes(public_route_table(), ctx); }

common::http::router internal_routes(context& ctx) { return common::http::bind_routes(internal_route_table(), ctx); }

}  // namespace auth::http
