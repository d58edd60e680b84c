// SQL of auth.revocations: the feed of ended sessions the council follows (rows are written by triggers).
#pragma once
#include "auth/api.hpp"
#include "common/pg/pool.hpp"
#include <string>

namespace auth::storage {

/// The ended sessions of transactions at or past cursor `after` (an xid8 in decimal, "0" for all) that were
/// recorded within the last `window_seconds`, oldest first, with the cursor of the next read (the snapshot's
/// horizon: every transaction below it has finished, so nothing at or past it has been handed out yet). A cursor
/// beyond every transaction so far (a database restored from a backup) reads from the start.
common::awaitable<api::revocation_feed_out> read_revocations(common::pg::pool& db, std::string after,
                                                             long long window_seconds);
/// Deletes rows recorded more than `keep_seconds` ago; returns how many.
common::awaitable<long long> prune_revocations(common::pg::pool& db, long long keep_seconds);

}  // namespace auth::storage
