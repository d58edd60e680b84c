// The one route table of council-service (all endpoints on one screen).
#include "council/http/routes.hpp"
#include "council/http/handlers.hpp"

namespace council::http {
namespace {

using handler_fn = awaitable<response> (*)(context&, request&);

common::http::handler bind(context& ctx, handler_fn fn) {
  return [&ctx, fn](request& req) { return fn(ctx, req); };
}

}  // namespace

common::http::router make_routes(context& ctx) {
  common::http::router r;
  r.add("GET", "/readyz", bind(ctx, readyz))
      .add("GET", "/api/models", bind(ctx, list_models))
      .add("GET", "/api/conversations", bind(ctx, list_conversations))
      .add("POST", "/api/conversations", bind(ctx, create_conversation))
      .add("GET", "/api/conversations/{id}", bind(ctx, get_conversation))
      .add("DELETE", "/api/conversations/{id}", bind(ctx, delete_conversation))
      .add("POST", "/api/conversations/{id}/message", bind(ctx, post_message))
      .add("POST", "/api/conversations/{id}/message/stream", bind(ctx, stream_message));
  return r;
}

}  // namespace council::http
