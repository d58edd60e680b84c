// Revocation feed request and answer parsing; failures are logged at debug level (the follower logs staleness).
#include "council/clients/revocation_client.hpp"
#include "common/core/log.hpp"
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>

namespace council::clients {
namespace {

/// The batch in a feed answer; nullopt when a required member is missing or of the wrong type.
std::optional<access::revocation_batch> batch_of(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const boost::json::object& o = v.as_object();
  const auto* cursor = o.if_contains("cursor");
  const auto* retain = o.if_contains("retain_seconds");
  const auto* entries = o.if_contains("revocations");
  if (!cursor || !cursor->is_string() || !retain || !retain->is_int64() || !entries || !entries->is_array())
    return std::nullopt;
  access::revocation_batch batch{std::string(cursor->as_string()), retain->as_int64(), {}};
  for (const auto& entry : entries->as_array()) {
    const auto* id = entry.is_object() ? entry.as_object().if_contains("session_id") : nullptr;
    if (!id || !id->is_string()) return std::nullopt;
    batch.session_ids.emplace_back(id->as_string());
  }
  return batch;
}

}  // namespace

revocation_client::revocation_client(common::executor ex, key_client_options options, common::clock::duration timeout)
    : options_(std::move(options)),
      timeout_(timeout),
      http_(ex, mtls_client_options(options_, 2)) {}

common::awaitable<std::optional<access::revocation_batch>> revocation_client::fetch(std::string cursor) {
  common::http::client_request req;
  req.url = options_.base_url + "/internal/v1/revocations";
  if (!cursor.empty()) req.url += "?after=" + cursor;
  req.timeout = timeout_;
  std::optional<common::http::client_response> answer;
  try {
    common::http::client_response received = co_await http_.send(std::move(req));
    answer = std::move(received);
  } catch (const boost::system::system_error& e) {
    common::log::write(common::log::level::debug, "revocation feed unreachable", {{"error", e.code().message()}});
  }
  if (!answer) co_return std::nullopt;
  if (answer->status != 200) {
    common::log::warn("revocation feed refused", {{"status", answer->status}});
    co_return std::nullopt;
  }
  std::optional<access::revocation_batch> batch = batch_of(answer->body);
  if (!batch) common::log::warn("revocation feed answered an unreadable document");
  co_return batch;
}

}  // namespace council::clients
