// A service's route table as data: {method, pattern, handler taking the service context}, bound to a
// context when the server starts, or listed without one (contract tests read it through router::routes()).
#pragma once
#include "common/http/router.hpp"
#include <span>
#include <stdexcept>
#include <string_view>

namespace common::http {

/// One route of a service: `handle(ctx, req)` answers `method pattern`.
template <typename Context>
struct route {
  std::string_view method;
  std::string_view pattern;
  awaitable<response> (*handle)(Context&, request&);
};

/// A router serving `table`, passing `ctx` to every handler; `ctx` must outlive the router.
template <typename Context>
router bind_routes(std::span<const route<Context>> table, Context& ctx) {
  router r;
  for (const auto& entry : table) {
    auto fn = entry.handle;
    r.add(std::string(entry.method), std::string(entry.pattern), [&ctx, fn](request& req) { return fn(ctx, req); });
  }
  return r;
}

/// A router with the routes of `table` and no context, for listing (routes()); dispatching through it throws.
template <typename Context>
router list_routes(std::span<const route<Context>> table) {
  router r;
  for (const auto& entry : table) {
    r.add(std::string(entry.method), std::string(entry.pattern), [](request&) -> awaitable<response> {
      throw std::logic_error("route table listed without a context cannot answer requests");
    });
  }
  return r;
}

}  // namespace common::http
