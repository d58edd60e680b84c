// Fuzz target: route matching, path-parameter percent-decoding and query parameters, on a router holding the
// services' route patterns. Input: `<METHOD> <request target>`.
#include "common/http/router.hpp"
#include "support/run_sync.hpp"
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using common::http::request;
using common::http::response;

common::http::router make_router() {
  common::http::router r;
  auto answer = [](request&) -> common::awaitable<response> { co_return response{}; };
  for (auto [method, pattern] : std::initializer_list<std::pair<const char*, const char*>>{
           {"GET", "/readyz"},
           {"GET", "/.well-known/jwks.json"},
           {"POST", "/api/auth/login"},
           {"GET", "/api/auth/sessions"},
           {"DELETE", "/api/auth/sessions/{id}"},
           {"GET", "/api/settings/api-keys"},
           {"PATCH", "/api/settings/api-key/{provider}"},
           {"DELETE", "/api/settings/api-key/{provider}"},
           {"GET", "/api/settings/audit-log"},
           {"GET", "/api/conversations"},
           {"POST", "/api/conversations"},
           {"GET", "/api/conversations/{id}"},
           {"DELETE", "/api/conversations/{id}"},
           {"POST", "/api/conversations/{id}/message"},
           {"POST", "/api/conversations/{id}/message/stream"},
           {"GET", "/api/conversations/archived"},
       })
    r.add(method, pattern, answer);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const common::http::router routes = make_router();
  static boost::asio::io_context io;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto space = input.find(' ');
  if (space == std::string_view::npos) return 0;

  request req;
  req.method = std::string(input.substr(0, space));
  req.target = std::string(input.substr(space + 1));
  const auto q = req.target.find('?');
  req.path = req.target.substr(0, q);
  req.query = q == std::string::npos ? std::string() : req.target.substr(q + 1);

  const auto segments = common::http::split_path(req.path);
  for (const auto& segment : segments)
    if (segment.empty() || segment.find('/') != std::string::npos) __builtin_trap();

  const response res = test_support::run_sync(io, routes.dispatch(req));
  if (res.status == 200) {
    if (req.route.empty()) __builtin_trap();
    for (const auto& [name, value] : req.params)
      if (name.empty() || value.size() > req.path.size()) __builtin_trap();
  } else if (res.status == 405) {
    bool has_allow = false;
    for (const auto& [name, value] : res.headers) has_allow = has_allow || (name == "allow" && !value.empty());
    if (!has_allow) __builtin_trap();
  } else if (res.status != 404) {
    __builtin_trap();
  }

  for (std::string_view name : {"limit", "before", "q", ""}) {
    if (auto value = req.query_param(name); value && value->size() > req.query.size()) __builtin_trap();
  }
  return 0;
}
