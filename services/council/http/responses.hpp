// Mapping outcomes to HTTP responses, and the authentication step of every council handler.
#pragma once
#include "common/http/message.hpp"
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include "council/http/context.hpp"
#include "council/run/run_task.hpp"
#include <boost/json/value_from.hpp>

namespace council::http {

/// The status and `{"detail"}` of a failure (plus WWW-Authenticate: Bearer for invalid_token).
common::http::response failure_response(const failure& f);
/// 200 with the JSON of a described DTO (or any value_from-convertible value).
template <typename T>
common::http::response ok(const T& dto) {
  return common::http::json(200, boost::json::value_from(dto));
}

/// 200 text/event-stream following `run` from its channel (X-Run-Id, no buffering, no caching).
common::http::response run_stream(std::shared_ptr<run::active_run> run, common::clock::duration heartbeat);
/// The headers of every event-stream response (no proxy buffering, no caching).
void mark_event_stream(common::http::response& res);

/// The caller of `Authorization: Bearer <token>`: invalid_token with detail `Not authenticated` when the
/// header is absent, names another scheme or carries no token; invalid_token when the token is refused;
/// auth_keys_unavailable while the JWKS has never been loaded.
common::awaitable<outcome<domain::caller>> authenticate(context& ctx, const common::http::request& req);
/// The `{id}` path parameter when it is a UUID, else conversation_not_found.
outcome<std::string> conversation_id(const common::http::request& req);

}  // namespace council::http
