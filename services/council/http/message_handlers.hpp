// Handlers that run the council on a new message: streamed (SSE) or waited for.
#pragma once
#include "common/http/message.hpp"
#include "council/http/context.hpp"

namespace council::http {

/// POST /api/conversations/{id}/message {content} -> {stage1, stage2, stage3, metadata} once the run ends.
common::awaitable<common::http::response> post_message(context& ctx, common::http::request& req);
/// POST /api/conversations/{id}/message/stream {content} -> text/event-stream of the run's events.
common::awaitable<common::http::response> stream_message(context& ctx, common::http::request& req);

}  // namespace council::http
