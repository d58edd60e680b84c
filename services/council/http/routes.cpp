// The one route table of council-service (all endpoints on one screen).
#include "council/http/routes.hpp"
#include "council/http/handlers.hpp"
#include <array>

namespace council::http {
namespace {

constexpr std::array<common::http::route<context>, 15> table{{
    {"GET", "/readyz", readyz},
    {"GET", "/api/models", list_models},
    {"GET", "/api/conversations", list_conversations},
    {"POST", "/api/conversations", create_conversation},
    {"GET", "/api/conversations/{id}", get_conversation},
    {"DELETE", "/api/conversations/{id}", delete_conversation},
    {"POST", "/api/conversations/{id}/message", post_message},
    {"POST", "/api/conversations/{id}/message/stream", stream_message},
    {"GET", "/api/conversations/{id}/runs/{run_id}/events", follow_run_events},
    {"POST", "/api/conversations/{id}/runs/{run_id}/cancel", cancel_run},
    {"POST", "/api/conversations/{id}/runs/{run_id}/synthesis/stream", stream_synthesis},
    {"GET", "/api/export", export_data},
    {"GET", "/api/usage", usage_report},
    {"GET", "/api/settings/budget", get_budget},
    {"PUT", "/api/settings/budget", put_budget},
}};

}  // namespace

std::span<const common::http::route<context>> route_table() { return table; }

common::http::router make_routes(context& ctx) { return common::http::bind_routes(route_table(), ctx); }

}  // namespace council::http
