// Readiness of the council service.
#pragma once
#include "common/http/message.hpp"
#include "http/context.hpp"

namespace council::http {

/// GET /readyz: 200 {"status": "ready"} when the database answers and the JWKS is loaded, else 503.
common::awaitable<common::http::response> readyz(context& ctx, common::http::request& req);

}  // namespace council::http
