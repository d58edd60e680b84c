// Parses request URLs for the HTTP client with Boost.URL.
#include "client_url.hpp"
#include <boost/system/system_error.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace common::http {
namespace {

[[noreturn]] void reject(std::string_view url, const char* why) {
  throw boost::system::system_error(make_error_code(boost::system::errc::invalid_argument),
                                    "invalid request URL '" + std::string(url.substr(0, 200)) + "': " + why);
}

}  // namespace

client_url parse_client_url(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) reject(url, "not an absolute URI");
  const boost::urls::url_view& u = *parsed;
  client_url out;
  if (u.scheme_id() == boost::urls::scheme::https) {
    out.tls = true;
  } else if (u.scheme_id() != boost::urls::scheme::http) {
    reject(url, "scheme must be http or https");
  }
  if (u.has_userinfo()) reject(url, "credentials in the URL are not supported");
  out.host = u.host_address();
  if (out.host.empty()) reject(url, "missing host");
  if (u.has_port()) {
    if (u.port().empty() || u.port_number() == 0) reject(url, "invalid port");
    out.port = u.port_number();
  } else {
    out.port = out.tls ? 443 : 80;
  }
  out.host_header = u.encoded_host_and_port();
  out.target = u.encoded_target();
  if (out.target.empty() || out.target.front() != '/') out.target.insert(0, "/");
  out.origin = std::string(out.tls ? "https://" : "http://") + out.host + ":" + std::to_string(out.port);
  return out;
}

}  // namespace common::http
