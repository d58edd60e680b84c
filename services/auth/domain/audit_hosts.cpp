// Sealing the hosts of an endpoint change with the key vault (AAD: the user and a provider name of its own).
#include "auth/domain/audit_hosts.hpp"
#include "auth/domain/audit_action.hpp"
#include "common/crypto/encoding.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace auth::domain {
namespace {

constexpr std::string_view hosts_context = "audit:endpoint_hosts";

boost::json::value host_or_null(const std::optional<std::string>& host) {
  if (host) return boost::json::value(*host);
  return nullptr;
}

/// The {"from", "to"} object sealed in `sealed`; nullopt when it cannot be opened.
std::optional<boost::json::object> opened_hosts(const key_vault& vault, const std::string& user_id,
                                                const boost::json::object& sealed) {
  auto version = sealed.if_contains("kek_version");
  auto wrapped = sealed.if_contains("wrapped_data_key");
  auto payload = sealed.if_contains("sealed");
  if (!version || !version->is_int64() || !wrapped || !wrapped->is_string() || !payload || !payload->is_string())
    return std::nullopt;
  auto wrapped_bytes = common::crypto::base64_decode(wrapped->get_string());
  auto payload_bytes = common::crypto::base64_decode(payload->get_string());
  if (!wrapped_bytes || !payload_bytes) return std::nullopt;
  envelope env{static_cast<int>(version->get_int64()), std::move(*wrapped_bytes), std::move(*payload_bytes),
               std::nullopt};
  auto opened = vault.open(user_id, hosts_context, env);
  if (!opened) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value hosts = boost::json::parse(opened->api_key, ec);
  if (ec || !hosts.is_object()) return std::nullopt;
  return std::move(hosts.as_object());
}

}  // namespace

void seal_endpoint_hosts(const key_vault& vault, const std::string& user_id, const std::optional<std::string>& from,
                         const std::optional<std::string>& to, boost::json::object& details) {
  boost::json::object hosts{{"from", host_or_null(from)}, {"to", host_or_null(to)}};
  envelope env = vault.seal(user_id, hosts_context, boost::json::serialize(hosts), std::nullopt);
  details["hosts"] = boost::json::object{{"kek_version", env.kek_version},
                                         {"wrapped_data_key", common::crypto::base64_encode(env.wrapped_data_key)},
                                         {"sealed", common::crypto::base64_encode(env.sealed_key)}};
}

void reveal_endpoint_hosts(const key_vault& vault, const std::string& user_id,
                           std::vector<api::audit_event_out>& events) {
  for (api::audit_event_out& e : events) {
    if (e.action != wire_name(audit_action::key_endpoint_changed) || !e.details.is_object()) continue;
    boost::json::object& details = e.details.as_object();
    auto sealed = details.if_contains("hosts");
    if (!sealed || !sealed->is_object()) continue;
    auto hosts = opened_hosts(vault, user_id, sealed->as_object());
    details["from"] = nullptr;
    details["to"] = nullptr;
    if (hosts) {
      details["from"] = (*hosts)["from"];
      details["to"] = (*hosts)["to"];
    }
    details.erase("hosts");
  }
}

}  // namespace auth::domain
