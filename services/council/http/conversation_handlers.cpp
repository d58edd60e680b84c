// Handlers of the model list and of conversation create/list/get/delete.
#include "council/domain/conversations.hpp"
#include "council/http/handlers.hpp"
#include "common/http/json_body.hpp"
#include "common/http/json_response.hpp"
#include "council/http/responses.hpp"

namespace council::http {

awaitable<response> list_models(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  co_return ok(domain::list_models(ctx.svc));
}

awaitable<response> list_conversations(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto list = co_await domain::list_conversations(ctx.svc, std::move(*who));
  co_return common::http::json_written(200, list);
}

awaitable<response> create_conversation(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto in = common::http::read_body<api::conversation_in>(req, common::http::blank_body::empty_object);
  if (!in) co_return in.error();
  auto created = co_await domain::create_conversation(ctx.svc, std::move(*who), std::move(*in));
  if (!created) co_return failure_response(created.error());
  co_return ok(*created);
}

awaitable<response> get_conversation(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string id(req.param("id"));
  auto found = co_await domain::get_conversation(ctx.svc, std::move(*who), std::move(id));
  if (!found) co_return failure_response(found.error());
  co_return common::http::json_written(200, *found);
}

awaitable<response> delete_conversation(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string id(req.param("id"));
  auto removed = co_await domain::delete_conversation(ctx.svc, std::move(*who), std::move(id));
  if (!removed) co_return failure_response(removed.error());
  co_return ok(api::success_out{});
}

}  // namespace council::http
