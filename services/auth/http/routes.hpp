// The route tables of auth-service: the public API and the internal (mutual TLS) API.
#pragma once
#include "common/http/route_table.hpp"
#include "auth/http/context.hpp"
#include <span>

namespace auth::http {

/// Every public endpoint (proto/auth.openapi.yaml) plus /readyz, as data (contract tests list it).
std::span<const common::http::route<context>> public_route_table();
/// GET /internal/v1/keys/{provider} (proto/internal.openapi.yaml) plus /readyz, as data.
std::span<const common::http::route<context>> internal_route_table();
/// public_route_table() bound to `ctx`; `ctx` must outlive the router.
common::http::router public_routes(context& ctx);
/// internal_route_table() bound to `ctx`; `ctx` must outlive the router.
common::http::router internal_routes(context& ctx);

}  // namespace auth::http
