// SQL of the append-only auth.audit_events.
#pragma once
#include "auth/api.hpp"
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// Appends one event.
common::awaitable<void> append_event(common::pg::pool& db, domain::audit_entry entry);
/// Appends one event inside `tx` (committed or rolled back with the rest of it).
common::awaitable<void> append_event(common::pg::transaction& tx, domain::audit_entry entry);
/// The user's events newest first, at most `limit`, only ids below `before` when given.
common::awaitable<std::vector<api::audit_event_out>> list_events(common::pg::pool& db, std::string user_id, int limit,
                                                                 std::optional<long long> before);

}  // namespace auth::storage
