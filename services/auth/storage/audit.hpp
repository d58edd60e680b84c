// SQL of auth.audit_events (append-only but for repeat counts and the retention pruning).
#pragma once
#include "auth/api.hpp"
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// Appends one event (in the transaction `db` when it is one: committed or rolled back with the rest of it).
common::awaitable<void> append_event(common::pg::queryable& db, domain::audit_entry entry);
/// Counts one more repeat on the row of `aggregate_key` written within the last `window_seconds`, or appends
/// `entry` as that row; concurrent callers of one key serialise on an advisory lock.
common::awaitable<void> append_repeated_event(common::pg::pool& db, domain::audit_entry entry,
                                              std::string aggregate_key, int window_seconds);
/// The user's events newest first, at most `limit`, only ids below `before` when given.
common::awaitable<std::vector<api::audit_event_out>> list_events(common::pg::queryable& db, std::string user_id,
                                                                 int limit, std::optional<long long> before);
/// In one transaction: deletes every event older than `retention_days` days and appends `report` with the
/// number deleted (details "deleted") and the cutoff (details "before"); returns the number deleted.
common::awaitable<long long> prune_events(common::pg::pool& db, int retention_days, domain::audit_entry report);

}  // namespace auth::storage
