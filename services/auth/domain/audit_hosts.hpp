// The hosts an endpoint change moved between, kept in its audit row sealed like the endpoint itself (endpoints are
// never stored in clear) and opened when the owner reads the audit log (docs/api.md, "Audit log").
#pragma once
#include "auth/api.hpp"
#include "auth/domain/key_vault.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace auth::domain {

/// `details["hosts"]`: the hosts `from` and `to` (nullopt: the default endpoint) sealed for `user_id`.
void seal_endpoint_hosts(const key_vault& vault, const std::string& user_id, const std::optional<std::string>& from,
                         const std::optional<std::string>& to, boost::json::object& details);
/// Replaces the sealed hosts of each key_endpoint_changed event of `user_id` by "from" and "to" (host or null;
/// both null when the KEK that sealed them is gone).
void reveal_endpoint_hosts(const key_vault& vault, const std::string& user_id,
                           std::vector<api::audit_event_out>& events);

}  // namespace auth::domain
