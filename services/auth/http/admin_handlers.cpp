// Handlers of the admin API: the account list, disabling and enabling accounts, invites and reset links.
#include "auth/api.hpp"
#include "auth/domain/admin.hpp"
#include "auth/domain/invites.hpp"
#include "auth/domain/password_resets.hpp"
#include "auth/http/handlers.hpp"
#include "auth/http/request_info.hpp"
#include "auth/http/responses.hpp"
#include "common/http/json_body.hpp"

namespace auth::http {
namespace {

/// An integer field in [min, max], `fallback` when absent; nullopt when it is anything else.
std::optional<long long> bounded_integer(const std::optional<boost::json::value>& field, long long fallback,
                                         long long min, long long max) {
  if (!field) return fallback;
  if (!field->is_int64() || field->as_int64() < min || field->as_int64() > max) return std::nullopt;
  return field->as_int64();
}

domain::admin_services admin_services_of(context& ctx) { return domain::admin_services{ctx.svc.db, ctx.svc.accounts}; }

/// Disables or enables the account of the path's {id}.
awaitable<response> set_disabled(context& ctx, request& req, bool disabled) {
  auto who = co_await authenticate_admin(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string user_id(req.param("id"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  auto changed = co_await domain::set_user_disabled(admin_services_of(ctx), std::move(who->user_id),
                                                    std::move(user_id), disabled, std::move(client));
  if (!changed) co_return failure_response(changed.error());
  co_return ok(*changed);
}

}  // namespace

awaitable<response> admin_list_users(context& ctx, request& req) {
  auto who = co_await authenticate_admin(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto users = co_await domain::list_users(admin_services_of(ctx));
  co_return ok(users);
}

awaitable<response> admin_disable_user(context& ctx, request& req) { return set_disabled(ctx, req, true); }

awaitable<response> admin_enable_user(context& ctx, request& req) { return set_disabled(ctx, req, false); }

awaitable<response> admin_create_invite(context& ctx, request& req) {
  auto who = co_await authenticate_admin(ctx, req);
  if (!who) co_return failure_response(who.error());
  auto body = common::http::read_body<api::invite_in>(req, common::http::blank_body::empty_object);
  if (!body) co_return body.error();
  auto uses = bounded_integer(body->uses, 1, 1, domain::max_invite_uses);
  if (!uses) co_return unprocessable("uses: must be an integer between 1 and 1000");
  auto days = bounded_integer(body->expires_in_days, 7, 1, 365);
  if (!days) co_return unprocessable("expires_in_days: must be an integer between 1 and 365");
  domain::invite_terms terms{static_cast<int>(*uses), *days * 86400};
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  std::optional<std::string> admin_id = std::move(who->user_id);
  api::invite_out invite = co_await domain::issue_invite(ctx.svc.db, terms, std::move(admin_id), std::move(client));
  co_return ok(invite);
}

awaitable<response> admin_password_reset(context& ctx, request& req) {
  auto who = co_await authenticate_admin(ctx, req);
  if (!who) co_return failure_response(who.error());
  std::string user_id(req.param("id"));
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  std::optional<std::string> admin_id = std::move(who->user_id);
  auto link = co_await domain::issue_password_reset(admin_services_of(ctx), std::move(user_id), std::move(admin_id),
                                                    std::move(client));
  if (!link) co_return failure_response(link.error());
  response r = ok(*link);
  r.set_header("cache-control", "no-store");
  co_return r;
}

}  // namespace auth::http
