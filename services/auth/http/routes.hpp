// The route tables of auth-service: the public API and the internal (mutual TLS) API.
#pragma once
#include "common/http/router.hpp"
#include "auth/http/context.hpp"

namespace auth::http {

/// Every public endpoint (api.md, auth part) plus /readyz; `ctx` must outlive the router.
common::http::router public_routes(context& ctx);
/// GET /internal/v1/keys/{provider} plus /readyz; `ctx` must outlive the router.
common::http::router internal_routes(context& ctx);

}  // namespace auth::http
