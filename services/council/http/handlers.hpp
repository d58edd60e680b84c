// Every council endpoint handler: authenticate, read the request, call the use case, map the outcome
// (routes.cpp binds them).
#pragma once
#include "common/http/message.hpp"
#include "council/http/context.hpp"

namespace council::http {
using common::awaitable;
using common::http::request;
using common::http::response;

// conversation_handlers.cpp
/// GET /api/models -> {models, default_models, default_lead_model}.
awaitable<response> list_models(context& ctx, request& req);
/// GET /api/conversations -> [{id, created_at, title, message_count}], newest first.
awaitable<response> list_conversations(context& ctx, request& req);
/// POST /api/conversations {models?, lead_model?} -> the new conversation.
awaitable<response> create_conversation(context& ctx, request& req);
/// GET /api/conversations/{id} -> {id, created_at, title, models, lead_model, messages}.
awaitable<response> get_conversation(context& ctx, request& req);
/// DELETE /api/conversations/{id} -> {"success": true}.
awaitable<response> delete_conversation(context& ctx, request& req);

// message_handlers.cpp
/// POST /api/conversations/{id}/message {content} -> {stage1, stage2, stage3, metadata} once the run ends.
awaitable<response> post_message(context& ctx, request& req);
/// POST /api/conversations/{id}/message/stream {content} -> text/event-stream of the run's events.
awaitable<response> stream_message(context& ctx, request& req);

// usage_handlers.cpp
/// GET /api/usage?month=YYYY-MM -> {month, total, by_model, by_day, budget_usd} (default: this UTC month).
awaitable<response> usage_report(context& ctx, request& req);
/// GET /api/settings/budget -> {monthly_usd, month, spent_usd}.
awaitable<response> get_budget(context& ctx, request& req);
/// PUT /api/settings/budget {monthly_usd: number >= 0 | null} -> {monthly_usd, month, spent_usd}.
awaitable<response> put_budget(context& ctx, request& req);

// run_handlers.cpp
/// GET /api/conversations/{id}/runs/{run_id}/events (Last-Event-ID header or ?last_event_id) -> text/event-stream
/// of the run's stored events after it, then live until the run ends; works on any replica.
awaitable<response> follow_run_events(context& ctx, request& req);
/// POST /api/conversations/{id}/runs/{run_id}/cancel -> 202 {status: "cancelling", run_id}; 409 when finished.
awaitable<response> cancel_run(context& ctx, request& req);
/// POST /api/conversations/{id}/runs/{run_id}/synthesis/stream {lead_model?, stream_tokens?} -> text/event-stream
/// of stage 3 alone on the run's stored stages (ids continue the run's).
awaitable<response> stream_synthesis(context& ctx, request& req);

// export_handlers.cpp
/// GET /api/export -> application/zip: account.json, conversations.json, conversations/<id>.md, manifest.json.
awaitable<response> export_data(context& ctx, request& req);

// health_handlers.cpp
/// GET /readyz: 200 {"status": "ready"} when the JWKS is loaded, the database answers and the auth service
/// serves its JWKS (checked at most every few seconds), else 503 naming what is missing.
awaitable<response> readyz(context& ctx, request& req);

}  // namespace council::http
