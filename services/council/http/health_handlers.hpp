// Readiness of the council service.
#pragma once
#include "common/http/message.hpp"
#include "http/context.hpp"

namespace council::http {

/// GET /readyz: 200 {"status": "ready"} when the JWKS is loaded, the database answers and the auth
/// service serves its JWKS (checked at most every few seconds), else 503 naming what is missing.
common::awaitable<common::http::response> readyz(context& ctx, common::http::request& req);

}  // namespace council::http
