// Handlers of the usage report and the monthly budget.
#include "council/domain/usage.hpp"
#include "council/http/handlers.hpp"
#include "common/http/json_body.hpp"
#include "council/http/responses.hpp"

namespace council::http {

awaitable<response> usage_report(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto report = co_await domain::usage_report(ctx.svc, std::move(*who), req.query_param("month"));
  if (!report) co_return failure_response(report.error());
  co_return ok(*report);
}

awaitable<response> get_budget(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto state = co_await domain::budget(ctx.svc, std::move(*who));
  co_return ok(state);
}

awaitable<response> put_budget(context& ctx, request& req) {
  auto who = co_await authenticate(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto in = common::http::read_body<api::budget_in>(req);
  if (!in) co_return in.error();
  auto state = co_await domain::set_budget(ctx.svc, std::move(*who), std::move(*in));
  if (!state) co_return failure_response(state.error());
  co_return ok(*state);
}

}  // namespace council::http
