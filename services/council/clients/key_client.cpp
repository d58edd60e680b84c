// Internal key release: mTLS request, status mapping, parsing in a buffer that is wiped afterwards.
#include "council/clients/key_client.hpp"
#include "common/core/log.hpp"
#include "common/crypto/hash.hpp"
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <algorithm>
#include <cctype>

namespace council::clients {
namespace json = boost::json;

namespace {

/// Parses the 200 body; every intermediate copy of the key lives in `scratch`, which is wiped.
std::optional<provider_key> parse_key(std::string_view body) {
  std::string scratch(16384, '\0');
  std::optional<provider_key> key;
  {
    json::monotonic_resource mr(reinterpret_cast<unsigned char*>(scratch.data()), scratch.size());
    boost::system::error_code ec;
    json::value v = json::parse(body, ec, &mr);
    const json::object* obj = ec ? nullptr : v.if_object();
    const json::value* api_key = obj ? obj->if_contains("api_key") : nullptr;
    const json::value* endpoint = obj ? obj->if_contains("endpoint") : nullptr;
    if (api_key && api_key->is_string() && !api_key->get_string().empty()) {
      key.emplace();
      key->api_key.assign(api_key->get_string().data(), api_key->get_string().size());
      if (endpoint && endpoint->is_string() && !endpoint->get_string().empty())
        key->endpoint = std::string(endpoint->get_string());
    }
  }
  common::crypto::wipe(scratch);
  return key;
}

bool mentions_disabled(std::string_view body) {
  std::string lower(body);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("disabled") != std::string::npos;
}

}  // namespace

provider_key::provider_key(provider_key&& other) noexcept
    : api_key(std::move(other.api_key)), endpoint(std::move(other.endpoint)) {
  other.api_key.clear();
}

provider_key& provider_key::operator=(provider_key&& other) noexcept {
  if (this != &other) {
    common::crypto::wipe(api_key);
    api_key = std::move(other.api_key);
    endpoint = std::move(other.endpoint);
    other.api_key.clear();
  }
  return *this;
}

provider_key::~provider_key() { common::crypto::wipe(api_key); }

common::http::client_options mtls_client_options(const key_client_options& options, std::size_t max_idle) {
  common::http::client_options out;
  out.ca_file = options.ca_file;
  out.cert_file = options.cert_file;
  out.key_file = options.key_file;
  out.max_idle_per_host = max_idle;
  out.tls_reload_interval = options.tls_reload_interval;
  return out;
}

key_client::key_client(common::executor ex, key_client_options options)
    : options_(std::move(options)), http_(ex, mtls_client_options(options_, 64)) {}

common::awaitable<outcome<provider_key>> key_client::fetch(std::string access_token, std::string run_id) {
  common::http::client_request req;
  req.method = "GET";
  req.url = options_.base_url + "/internal/v1/keys/openrouter";
  common::http::add_bearer(req, access_token);
  req.headers.emplace_back("x-run-id", run_id);
  req.timeout = std::chrono::seconds(10);
  common::http::client_result answer = co_await http_.try_send(std::move(req));
  if (!answer) {
    common::log::error("key service unreachable", {{"run_id", run_id}, {"error", answer.error().code.message()}});
    co_return fail(errc::key_service_unavailable);
  }
  common::http::client_response& resp = *answer;
  int status = resp.status;
  if (status == 200) {
    auto key = parse_key(resp.body);
    common::crypto::wipe(resp.body);
    if (!key) {
      common::log::error("key service answered an unreadable key", {{"run_id", run_id}});
      co_return fail(errc::key_service_unavailable);
    }
    co_return std::move(*key);
  }
  if (status == 404) co_return fail(errc::no_key);
  if (status == 401) co_return fail(errc::invalid_token);
  if (status == 403 && mentions_disabled(resp.body)) co_return fail(errc::key_disabled);
  common::log::error("key service refused", {{"run_id", run_id}, {"status", status}});
  co_return fail(errc::key_service_unavailable);
}

}  // namespace council::clients
