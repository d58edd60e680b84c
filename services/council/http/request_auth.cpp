// Bearer token extraction and verification through the JWKS-backed verifier.
#include "council/http/request_auth.hpp"
#include <algorithm>
#include <cctype>

namespace council::http {

common::http::response unauthorized(std::string_view detail) {
  auto res = common::http::error(401, detail);
  res.set_header("www-authenticate", "Bearer");
  return res;
}

common::awaitable<caller> authenticate(context& ctx, const common::http::request& req) {
  caller out;
  auto header = req.header("authorization");
  if (!header) {
    out.refusal = unauthorized("Not authenticated");
    co_return out;
  }
  std::string_view value = *header;
  constexpr std::string_view scheme = "bearer ";
  bool is_bearer = value.size() > scheme.size() &&
                   std::equal(scheme.begin(), scheme.end(), value.begin(), [](char a, char b) {
                     return a == std::tolower(static_cast<unsigned char>(b));
                   });
  if (!is_bearer) {
    out.refusal = unauthorized("Not authenticated");
    co_return out;
  }
  std::string token(value.substr(scheme.size()));
  token.erase(0, token.find_first_not_of(' '));
  while (!token.empty() && token.back() == ' ') token.pop_back();
  if (token.empty() || token.size() > 8192) {
    out.refusal = unauthorized("Invalid or expired token");
    co_return out;
  }
  auto check = co_await ctx.tokens.verify(token);
  if (check.status == access::token_status::keys_unavailable) {
    out.refusal = common::http::error(503, "Authentication keys are not available yet; try again shortly");
    co_return out;
  }
  if (check.status != access::token_status::valid) {
    out.refusal = unauthorized("Invalid or expired token");
    co_return out;
  }
  out.user_id = std::move(check.user_id);
  out.token = std::move(token);
  co_return out;
}

}  // namespace council::http
