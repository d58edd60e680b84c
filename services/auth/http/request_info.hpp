// Reading requests: client address behind trusted proxies, user agent, run id (bearer tokens and JSON bodies: the kit).
#pragma once
#include "common/core/ip_network.hpp"
#include "common/http/bearer.hpp"
#include "common/http/message.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth::http {

/// Name of the device cookie set at a successful login (docs/api.md, "Throttling").
inline constexpr std::string_view device_cookie_name = "council_device";

/// Client IP (X-Forwarded-For honoured only from a trusted peer: the right-most untrusted hop), user agent (at most
/// 512 bytes, bytes that are not UTF-8 replaced by U+FFFD), device cookie, and https as the trusted proxy saw it.
domain::client_info client_of(const common::http::request& req, const std::vector<common::ip_network>& trusted_proxies);
using common::http::bearer_token;
/// X-Run-Id limited to 100 characters of [A-Za-z0-9._:-]; empty when absent or invalid.
std::string run_id_of(const common::http::request& req);


}  // namespace auth::http
