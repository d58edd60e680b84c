// Handlers of the internal listener (key release, account export, revocation feed, JWKS): mTLS client identity on
// the allow-list, then the end user's token where one user's data is asked for.
#include "auth/api.hpp"
#include "common/core/uuid.hpp"
#include "common/http/json_response.hpp"
#include "auth/domain/account_export.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/revocations.hpp"
#include "auth/http/handlers.hpp"
#include "auth/http/request_info.hpp"
#include "auth/http/responses.hpp"
#include <algorithm>

namespace auth::http {
namespace {

/// The user a well-signed token names, so a refused client's attempt shows in that user's audit log.
std::optional<std::string> token_owner(const context& ctx, const request& req) {
  auto token = bearer_token(req);
  if (!token || token->empty()) return std::nullopt;
  auto claims = ctx.svc.tokens.verify_access(*token);
  if (!claims || !common::is_uuid(claims->sub)) return std::nullopt;
  return claims->sub;
}

/// Whether the verified client certificate names a client on INTERNAL_ALLOWED_CLIENTS.
bool client_allowed(const context& ctx, const request& req) {
  return !req.client_identity.empty() && std::find(ctx.allowed_clients.begin(), ctx.allowed_clients.end(),
                                                   req.client_identity) != ctx.allowed_clients.end();
}

}  // namespace

awaitable<response> release_key(context& ctx, request& req) {
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  domain::release_request asker{req.client_identity, run_id_of(req)};
  std::string provider(req.param("provider"));
  if (!client_allowed(ctx, req)) {
    std::string why = "client_not_allowed";
    std::optional<std::string> owner = token_owner(ctx, req);
    co_await domain::record_refusal(ctx.keys, std::move(owner), std::move(provider), std::move(why), std::move(asker),
                                    std::move(client));
    co_return common::http::error(403, "Client not allowed");
  }
  auto who = co_await authenticate(ctx, req);
  if (!who) {
    std::string why = "invalid_token";
    std::optional<std::string> nobody;
    co_await domain::record_refusal(ctx.keys, std::move(nobody), std::move(provider), std::move(why), std::move(asker),
                                    std::move(client));
    co_return failure_response(who.error());
  }
  auto released = co_await domain::release_key(ctx.keys, std::move(who->user_id), std::move(provider),
                                               std::move(asker), std::move(client));
  if (!released) co_return failure_response(released.error());
  response r = common::http::json_written(200, *released);
  r.set_header("cache-control", "no-store");
  co_return r;
}

awaitable<response> export_account(context& ctx, request& req) {
  domain::client_info client = client_of(req, ctx.trusted_proxies);
  std::string identity = req.client_identity;
  if (!client_allowed(ctx, req)) {
    std::string why = "client_not_allowed";
    std::optional<std::string> owner = token_owner(ctx, req);
    co_await domain::record_export_refusal(ctx.svc, std::move(owner), std::move(why), std::move(identity),
                                           std::move(client));
    co_return common::http::error(403, "Client not allowed");
  }
  auto who = co_await authenticate(ctx, req);
  if (!who) {
    std::string why = "invalid_token";
    std::optional<std::string> nobody;
    co_await domain::record_export_refusal(ctx.svc, std::move(nobody), std::move(why), std::move(identity),
                                           std::move(client));
    co_return failure_response(who.error());
  }
  auto exported = co_await domain::export_account(ctx.svc, std::move(*who), std::move(identity), std::move(client));
  if (!exported) co_return failure_response(exported.error());
  response r = ok(*exported);
  r.set_header("cache-control", "no-store");
  co_return r;
}

awaitable<response> internal_jwks(context& ctx, request& req) {
  if (!client_allowed(ctx, req)) co_return common::http::error(403, "Client not allowed");
  co_return co_await jwks(ctx, req);
}

awaitable<response> revocation_feed(context& ctx, request& req) {
  if (!client_allowed(ctx, req)) co_return common::http::error(403, "Client not allowed");
  std::string after = req.query_param("after").value_or("");
  auto feed = co_await domain::revocations_since(ctx.svc, std::move(after));
  if (!feed) co_return failure_response(feed.error());
  response r = ok(*feed);
  r.set_header("cache-control", "no-store");
  co_return r;
}

}  // namespace auth::http
