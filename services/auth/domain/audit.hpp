// Appending audit events and reading a user's own audit log.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::domain {

/// Appends `entry` to the audit log.
common::awaitable<void> record(common::pg::pool& db, audit_entry entry);
/// Builds an entry (details without secrets).
audit_entry event(std::optional<std::string> user_id, audit_action action, bool success, const client_info& client,
                  boost::json::object details = {});
/// The user's events, newest first: at most `limit` (1..200), ids below `before` when given.
common::awaitable<std::vector<api::audit_event_out>> read_audit_log(services& svc, std::string user_id, int limit,
                                                                    std::optional<long long> before);

}  // namespace auth::domain
