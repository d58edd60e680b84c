// Internal account export: mTLS request, status mapping, JSON object check.
#include "council/clients/account_client.hpp"
#include "common/core/log.hpp"
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>
#include <optional>

namespace council::clients {

account_client::account_client(common::executor ex, key_client_options options)
    : options_(std::move(options)), http_(ex, mtls_client_options(options_, 8)) {}

common::awaitable<outcome<boost::json::object>> account_client::fetch(std::string access_token) {
  common::http::client_request req;
  req.method = "GET";
  req.url = options_.base_url + "/internal/v1/account-export";
  common::http::add_bearer(req, access_token);
  req.timeout = std::chrono::seconds(60);
  std::optional<common::http::client_response> answer;
  try {
    common::http::client_response received = co_await http_.send(std::move(req));
    answer = std::move(received);
  } catch (const boost::system::system_error& e) {
    common::log::error("account service unreachable", {{"error", e.code().message()}});
  }
  if (!answer) co_return fail(errc::account_service_unavailable);
  int status = answer->status;
  if (status == 401 || status == 404) co_return fail(errc::invalid_token);
  if (status != 200) {
    common::log::error("account service refused the export", {{"status", status}});
    co_return fail(errc::account_service_unavailable);
  }
  boost::system::error_code ec;
  boost::json::value account = boost::json::parse(answer->body, ec);
  if (ec || !account.is_object()) {
    common::log::error("account service answered an unreadable export");
    co_return fail(errc::account_service_unavailable);
  }
  co_return std::move(account.as_object());
}

}  // namespace council::clients
