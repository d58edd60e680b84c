// Readiness probe: JWKS loaded, database round trip, auth service answering.
#include "common/core/log.hpp"
#include "council/http/handlers.hpp"

namespace council::http {

awaitable<response> readyz(context& ctx, request&) {
  if (!ctx.svc.tokens.ready()) co_return common::http::error(503, "Token keys (JWKS) not loaded yet");
  bool db_ok = true;
  try {
    co_await ctx.db.query("SELECT 1");
  } catch (const std::exception& e) {
    common::log::warn("readiness: database unreachable", {{"error", e.what()}});
    db_ok = false;
  }
  if (!db_ok) co_return common::http::error(503, "Database unreachable");
  bool auth_ok = co_await ctx.svc.tokens.source_reachable();
  if (!auth_ok) co_return common::http::error(503, "Auth service unreachable (JWKS fetch failed)");
  co_return common::http::json(200, boost::json::object{{"status", "ready"}});
}

}  // namespace council::http
