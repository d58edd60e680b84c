// Bearer-token extraction from the Authorization header (RFC 6750), shared by every service.
#pragma once
#include "common/http/message.hpp"
#include <optional>
#include <string>

namespace common::http {

/// The token of `Authorization: Bearer <token>` (scheme case-insensitive, spaces and tabs around the token
/// trimmed); an empty string when the header has any other form (another scheme, no token); nullopt when
/// the request has no Authorization header.
std::optional<std::string> bearer_token(const request& req);

}  // namespace common::http
