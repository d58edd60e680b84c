// Request accessors, response helpers, JSON/error responses and reason phrases.
#include "common/http/message.hpp"
#include "common/core/json_writer.hpp"
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>
#include <algorithm>
#include <cctype>

namespace common::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

// Percent-decodes a query component (`+` is a space); malformed escapes are kept as written.
std::string decode_query_component(std::string_view text) {
  auto encoded = boost::urls::make_pct_string_view(text);
  if (!encoded) {
    std::string raw(text);
    std::replace(raw.begin(), raw.end(), '+', ' ');
    return raw;
  }
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  return encoded->decode(options);
}

}  // namespace

std::optional<std::string_view> request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> request::query_param(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (decode_query_component(key) == name) return decode_query_component(value);
  }
  return std::nullopt;
}

std::string_view request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view() : std::string_view(it->second);
}

response& response::set_header(std::string name, std::string value) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  for (auto& [key, existing] : headers) {
    if (key == name) {
      existing = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

response json(int status, const boost::json::value& body) {
  response res;
  res.status = status;
  json_writer(res.body).value(body);
  res.headers.emplace_back("content-type", "application/json");
  return res;
}

response error(int status, std::string_view detail) {
  response res;
  res.status = status;
  json_writer(res.body).begin_object().key("detail").string(detail).end_object();
  res.headers.emplace_back("content-type", "application/json");
  return res;
}

std::string_view reason(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown Status";
  }
}

}  // namespace common::http
