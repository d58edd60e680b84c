// Conversation endpoints: auth, id check, store call, api.md shapes.
#include "council/http/conversation_handlers.hpp"
#include "common/core/uuid.hpp"
#include "common/pg/error.hpp"
#include "council/domain/conversation_rules.hpp"
#include "council/http/json_body.hpp"
#include "council/http/request_auth.hpp"
#include <boost/json/value_from.hpp>

namespace council::http {
namespace json = boost::json;
using common::http::response;

response conversation_not_found() { return common::http::error(404, "Conversation not found"); }

common::awaitable<response> list_models(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return who.refusal;
  api::models_out out{ctx.config.models.models, ctx.config.models.default_models, ctx.config.models.lead_model};
  co_return common::http::json(200, json::value_from(out));
}

common::awaitable<response> list_conversations(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return who.refusal;
  auto list = co_await ctx.conversations.list(*who.user_id);
  co_return common::http::json(200, json::value_from(list));
}

common::awaitable<response> create_conversation(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return who.refusal;
  json::object body;
  if (auto bad = read_object(req, true, body)) co_return *bad;
  field_error err;
  auto models = string_list_field(body, "models", err);
  if (err.response) co_return *err.response;
  auto lead = string_field(body, "lead_model", err);
  if (err.response) co_return *err.response;
  auto choice = domain::choose_models(std::move(models), std::move(lead), ctx.config.models);
  if (!choice) co_return common::http::error(400, choice.error());
  std::optional<api::conversation_head> created;
  try {
    api::conversation_head head = co_await ctx.conversations.create(*who.user_id, choice->models, choice->lead_model);
    created = std::move(head);
  } catch (const common::pg::error& e) {
    if (e.kind != common::pg::error_kind::foreign_key_violation) throw;
  }
  if (!created) co_return unauthorized("Invalid or expired token");  // the token's user was deleted
  json::value out = json::value_from(*created);
  out.as_object()["messages"] = json::array();
  co_return common::http::json(200, out);
}

common::awaitable<response> get_conversation(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return who.refusal;
  std::string id(req.param("id"));
  if (!common::is_uuid(id)) co_return conversation_not_found();
  auto found = co_await ctx.conversations.find(id, *who.user_id);
  if (!found) co_return conversation_not_found();
  json::value out = json::value_from(*found);
  json::value messages = co_await ctx.conversations.messages(id);
  out.as_object()["messages"] = std::move(messages);
  co_return common::http::json(200, out);
}

common::awaitable<response> delete_conversation(context& ctx, common::http::request& req) {
  caller who = co_await authenticate(ctx, req);
  if (!who.user_id) co_return who.refusal;
  std::string id(req.param("id"));
  if (!common::is_uuid(id)) co_return conversation_not_found();
  bool removed = co_await ctx.conversations.remove(id, *who.user_id);
  if (!removed) co_return conversation_not_found();
  co_return common::http::json(200, json::object{{"success", true}});
}

}  // namespace council::http
