// The council service's one route table.
#pragma once
#include "common/http/router.hpp"
#include "council/http/context.hpp"

namespace council::http {

/// Every public endpoint of the council service (proto/council.openapi.yaml) plus /readyz; `ctx` must outlive the router.
common::http::router make_routes(context& ctx);

}  // namespace council::http
