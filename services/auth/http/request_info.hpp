// Reading requests: client address behind trusted proxies, user agent, bearer token, JSON body fields.
#pragma once
#include "common/core/ip_network.hpp"
#include "common/http/message.hpp"
#include "domain/types.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth::http {

/// Client IP (X-Forwarded-For honoured only from a trusted peer: the right-most untrusted hop) and user agent.
domain::client_info client_of(const common::http::request& req, const std::vector<common::ip_network>& trusted_proxies);
/// The token of an `Authorization: Bearer <token>` header; empty string when the header has another form;
/// nullopt when there is no Authorization header.
std::optional<std::string> bearer_token(const common::http::request& req);
/// X-Run-Id limited to 100 characters of [A-Za-z0-9._:-]; empty when absent or invalid.
std::string run_id_of(const common::http::request& req);

/// Parses the body as a JSON object into `out`; otherwise returns the 400/422 response to send.
std::optional<common::http::response> parse_object(const common::http::request& req, boost::json::object& out);
/// Reads string field `name` into `out`; returns the 422 sentence when missing (if `required`) or not a string.
std::optional<std::string> read_string(const boost::json::object& body, std::string_view name, std::string& out,
                                       bool required = true);

}  // namespace auth::http
