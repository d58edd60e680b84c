// Route table: method + path pattern with `{name}` parameters -> handler; 404 vs 405.
#pragma once
#include "common/http/message.hpp"
#include <functional>
#include <string>
#include <vector>

namespace common::http {

/// A request handler; infrastructure failures may throw (the server answers a bare 500).
using handler = std::function<awaitable<response>(request&)>;

/// One registered route, for listings and contract checks.
struct route_info {
  std::string method;
  std::string pattern;
};

/// Maps (method, path) to handlers. Patterns are literal segments and `{name}` segments.
class router {
public:
  /// Registers `h` for `method` and `pattern` (e.g. "/api/conversations/{id}/message").
  router& add(std::string method, std::string pattern, handler h);
  /// Finds the route: fills req.params and req.route; answers 404 (no path) or 405 (path, other method).
  awaitable<response> dispatch(request& req) const;
  /// Every registered route in registration order.
  std::vector<route_info> routes() const;

private:
  struct entry {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    handler fn;
  };
  std::vector<entry> entries_;
};

/// Splits a path into segments ("/a/b/" -> {"a","b"}), without decoding.
std::vector<std::string> split_path(std::string_view path);

}  // namespace common::http
