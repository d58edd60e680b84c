// GET {endpoint}/key with the key as bearer token; transport failures become an `unavailable` verdict.
#include "auth/clients/key_checker.hpp"
#include "common/crypto/hash.hpp"
#include "common/http/endpoint_guard.hpp"
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace auth::clients {
namespace {

key_check failed(key_verdict verdict, std::string reason) {
  key_check out;
  out.verdict = verdict;
  out.reason = std::move(reason);
  return out;
}

}  // namespace

key_checker::key_checker(common::executor ex, common::config::upstream_settings upstream)
    : upstream_(std::move(upstream)), http_(ex, common::http::client_options{upstream_.ca_file, {}, {}, 4}) {}

common::awaitable<key_check> key_checker::check(std::string api_key, std::optional<std::string> custom_endpoint) {
  common::http::vetted_target target{upstream_.base_url, {}};
  if (custom_endpoint) {
    auto vetted = co_await common::http::vet_endpoint(std::move(*custom_endpoint), upstream_.allow_private);
    if (!vetted) co_return failed(key_verdict::endpoint_refused, vetted.error());
    target = std::move(*vetted);
  }
  common::http::client_request req;
  req.url = target.base_url + "/key";
  req.connect_to = std::move(target.addresses);
  common::http::add_bearer(req, api_key);
  common::crypto::wipe(api_key);
  req.timeout = timeout;
  common::http::client_result answer = co_await http_.try_send(std::move(req));
  if (!answer) {
    const boost::system::error_code why = answer.error().code;
    if (why == boost::asio::error::operation_aborted) throw boost::system::system_error(why, answer.error().what);
    co_return failed(key_verdict::unavailable, why == boost::asio::error::timed_out ? "no answer within 5 s" : "the connection failed");
  }
  co_return read_key_answer(answer->status, answer->body);
}

}  // namespace auth::clients
