// Handlers of the model list and of conversation create/list/get/delete.
#pragma once
#include "common/http/message.hpp"
#include "council/http/context.hpp"

namespace council::http {

/// GET /api/models -> {models, default_models, default_lead_model}.
common::awaitable<common::http::response> list_models(context& ctx, common::http::request& req);
/// GET /api/conversations -> [{id, created_at, title, message_count}], newest first.
common::awaitable<common::http::response> list_conversations(context& ctx, common::http::request& req);
/// POST /api/conversations {models?, lead_model?} -> the new conversation.
common::awaitable<common::http::response> create_conversation(context& ctx, common::http::request& req);
/// GET /api/conversations/{id} -> {id, created_at, title, models, lead_model, messages}.
common::awaitable<common::http::response> get_conversation(context& ctx, common::http::request& req);
/// DELETE /api/conversations/{id} -> {"success": true}.
common::awaitable<common::http::response> delete_conversation(context& ctx, common::http::request& req);
/// 404 `Conversation not found`.
common::http::response conversation_not_found();

}  // namespace council::http
