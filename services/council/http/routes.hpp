// The council service's one route table, as data.
#pragma once
#include "common/http/route_table.hpp"
#include "council/http/context.hpp"
#include <span>

namespace council::http {

/// Every public endpoint of the council service (proto/council.openapi.yaml) plus /readyz.
std::span<const common::http::route<context>> route_table();
/// A router serving route_table() with `ctx`, which must outlive it.
common::http::router make_routes(context& ctx);

}  // namespace council::http
