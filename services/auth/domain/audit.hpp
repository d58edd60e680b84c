// Appending audit events and reading a user's own audit log.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::domain {

/// Appends `entry` to the audit log (inside the transaction when `db` is one, so the change and its row commit
/// together).
common::awaitable<void> record(common::pg::queryable& db, audit_entry entry);
/// Appends `entry`, or counts one more repeat on the row an earlier call made for the same account (`account`,
/// hashed email), action and address group within the login window: one row per (account, address, window).
common::awaitable<void> record_repeated(services& svc, audit_entry entry, const std::string& account);
/// Deletes audit events older than `retention_days` days and audits the pruning itself (audit_pruned, with the
/// number deleted and the cutoff) in the same transaction; returns the number deleted.
common::awaitable<long long> prune_audit_log(common::pg::pool& db, int retention_days, client_info client);
/// Builds an entry (details without secrets).
audit_entry event(std::optional<std::string> user_id, audit_action action, bool success, const client_info& client,
                  boost::json::object details = {});
/// The user's events, newest first: at most `limit` (1..200), ids below `before` when given.
common::awaitable<std::vector<api::audit_event_out>> read_audit_log(services& svc, std::string user_id, int limit,
                                                                    std::optional<long long> before);

}  // namespace auth::domain
