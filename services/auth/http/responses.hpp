// Mapping use-case outcomes to HTTP responses, and the authentication step of protected handlers.
#pragma once
#include "common/http/message.hpp"
#include "auth/api.hpp"
#include "auth/domain/errors.hpp"
#include "auth/domain/types.hpp"
#include "auth/http/context.hpp"
#include <boost/json/value_from.hpp>

namespace auth::http {

/// The status, `{"detail"}` and headers (WWW-Authenticate, Retry-After) of a failure.
common::http::response failure_response(const domain::failure& f);
/// 422 with `detail` (a sentence naming the field).
common::http::response unprocessable(std::string_view detail);
/// 200 with the JSON of a described DTO (or any value_from-convertible value).
template <typename T>
common::http::response ok(const T& dto) {
  return common::http::json(200, boost::json::value_from(dto));
}

/// 200 with a token pair, never stored by caches (Cache-Control: no-store, Pragma: no-cache).
common::http::response token_ok(const api::token_response& tokens);
/// `r` with the device cookie `token` (HttpOnly, SameSite=Strict, path /api/auth, Secure when `https`).
common::http::response& with_device_cookie(common::http::response& r, std::string_view token, bool https);

/// The bearer token of `req`; invalid_token with detail `Not authenticated` without an Authorization header,
/// plain invalid_token when it holds no bearer token.
domain::outcome<std::string> bearer_of(const common::http::request& req);

/// Verifies the bearer token and its session. Missing header: invalid_token with detail `Not authenticated`.
/// A vanished account is user_not_found when `gone_is_not_found`, else invalid_token.
common::awaitable<domain::outcome<domain::principal>> authenticate(context& ctx, common::http::request& req,
                                                                   bool gone_is_not_found = false);

/// authenticate(), then admin_only unless the caller is an enabled admin.
common::awaitable<domain::outcome<domain::principal>> authenticate_admin(context& ctx, common::http::request& req);

}  // namespace auth::http
