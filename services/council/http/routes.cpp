// Route table of council-service: all endpoints on one screen.
#include "council/http/routes.hpp"
#include "council/http/conversation_handlers.hpp"
#include "council/http/health_handlers.hpp"
#include "council/http/message_handlers.hpp"

namespace council::http {

common::http::router make_routes(context& ctx) {
  using common::http::request;
  common::http::router r;
  auto bind = [&ctx](auto fn) { return [&ctx, fn](request& req) { return fn(ctx, req); }; };
  r.add("GET", "/readyz", bind(readyz));
  r.add("GET", "/api/models", bind(list_models));
  r.add("GET", "/api/conversations", bind(list_conversations));
  r.add("POST", "/api/conversations", bind(create_conversation));
  r.add("GET", "/api/conversations/{id}", bind(get_conversation));
  r.add("DELETE", "/api/conversations/{id}", bind(delete_conversation));
  r.add("POST", "/api/conversations/{id}/message", bind(post_message));
  r.add("POST", "/api/conversations/{id}/message/stream", bind(stream_message));
  return r;
}

}  // namespace council::http
