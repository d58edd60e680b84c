// Bearer authentication of public requests.
#pragma once
#include "common/http/message.hpp"
#include "council/http/context.hpp"
#include <optional>
#include <string>

namespace council::http {

/// The authenticated caller, or the refusal to send.
struct caller {
  std::optional<std::string> user_id;
  std::string token;                  // the raw bearer token (forwarded to the key service)
  common::http::response refusal;     // set when user_id is empty
};

/// Checks `Authorization: Bearer <token>`: missing -> 401 `Not authenticated`, refused -> 401
/// `Invalid or expired token` (both with WWW-Authenticate: Bearer), JWKS never loaded -> 503.
common::awaitable<caller> authenticate(context& ctx, const common::http::request& req);
/// 401 with `detail` and WWW-Authenticate: Bearer.
common::http::response unauthorized(std::string_view detail);

}  // namespace council::http
