// Route table matching: literal segments beat `{name}` segments; 404 for unknown paths, 405 with Allow otherwise.
#include "common/http/router.hpp"
#include <boost/container/small_vector.hpp>
#include <boost/url/pct_string_view.hpp>
#include <algorithm>
#include <stdexcept>

namespace common::http {

namespace {

using path_segments = boost::container::small_vector<std::string_view, 12>;

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string_view param_name(std::string_view segment) { return segment.substr(1, segment.size() - 2); }

path_segments split_view(std::string_view path) {
  path_segments out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

template <typename Segments>
bool matches(const std::vector<std::string>& pattern, const Segments& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!is_param(pattern[i]) && pattern[i] != path[i]) return false;
  }
  return true;
}

// True when `a` is more specific than `b`: at the first segment where they differ in kind, `a` is literal.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    bool a_param = is_param(a[i]);
    bool b_param = is_param(b[i]);
    if (a_param != b_param) return b_param;
  }
  return false;
}

// Percent-decodes a path segment; malformed escapes are kept as written.
std::string decode_segment(std::string_view segment) {
  auto encoded = boost::urls::make_pct_string_view(segment);
  return encoded ? encoded->decode() : std::string(segment);
}

}  // namespace

std::vector<std::string> split_path(std::string_view path) {
  auto views = split_view(path);
  return std::vector<std::string>(views.begin(), views.end());
}

router& router::add(std::string method, std::string pattern, handler h) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with '/': " + pattern);
  auto segments = split_path(pattern);
  for (const auto& segment : segments) {
    if (segment.find_first_of("{}") != std::string::npos && (!is_param(segment) || segment.size() == 2)) {
      throw std::invalid_argument("bad route segment in " + pattern);
    }
  }
  for (const auto& e : entries_) {
    if (e.method == method && e.segments.size() == segments.size() && matches(e.segments, segments) &&
        matches(segments, e.segments)) {
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
    }
  }
  entries_.push_back(entry{std::move(method), std::move(pattern), std::move(segments), std::move(h)});
  return *this;
}

awaitable<response> router::dispatch(request& req) const {
  auto path = split_view(req.path);
  const entry* best = nullptr;
  bool path_known = false;
  for (const auto& e : entries_) {
    if (!matches(e.segments, path)) continue;
    path_known = true;
    if (e.method != req.method) continue;
    if (!best || more_specific(e.segments, best->segments)) best = &e;
  }
  if (!best) {
    if (!path_known) co_return error(404, "Not Found");
    boost::container::small_vector<std::string_view, 8> methods;
    std::string allow;
    for (const auto& e : entries_) {
      if (!matches(e.segments, path)) continue;
      if (std::find(methods.begin(), methods.end(), e.method) != methods.end()) continue;
      methods.push_back(e.method);
      if (!allow.empty()) allow += ", ";
      allow += e.method;
    }
    response res = error(405, "Method Not Allowed");
    res.set_header("allow", std::move(allow));
    co_return res;
  }
  req.params.clear();
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (is_param(best->segments[i])) req.params.emplace(param_name(best->segments[i]), decode_segment(path[i]));
  }
  req.route = best->pattern;
  co_return co_await best->fn(req);
}

std::vector<route_info> router::routes() const {
  std::vector<route_info> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.push_back(route_info{e.method, e.pattern});
  return out;
}

}  // namespace common::http
