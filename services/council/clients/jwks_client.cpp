// JWKS download with a short deadline; failures are logged and reported as nullopt.
#include "council/clients/jwks_client.hpp"
#include "common/core/log.hpp"
#include <boost/system/system_error.hpp>

namespace council::clients {

jwks_client::jwks_client(common::executor ex, std::string url, const key_client_options& tls)
    : url_(std::move(url)), http_(ex, mtls_client_options(tls, 2)) {}

common::awaitable<std::optional<common::jwt::key_set>> jwks_client::fetch() {
  common::http::client_request req;
  req.url = url_;
  req.timeout = std::chrono::seconds(5);
  try {
    common::http::client_response resp = co_await http_.send(std::move(req));
    if (resp.status != 200) {
      common::log::warn("jwks fetch failed", {{"url", url_}, {"status", resp.status}});
      co_return std::nullopt;
    }
    auto keys = common::jwt::parse_jwks(resp.body);
    if (!keys) common::log::warn("jwks document unreadable", {{"url", url_}});
    co_return keys;
  } catch (const boost::system::system_error& e) {
    common::log::warn("jwks fetch failed", {{"url", url_}, {"error", e.code().message()}});
    co_return std::nullopt;
  }
}

}  // namespace council::clients
