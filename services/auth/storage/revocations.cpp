// auth.revocations statements: the feed read (rows and next cursor from one snapshot) and pruning.
#include "auth/storage/revocations.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace auth::storage {
namespace pg = common::pg;
namespace {

// One statement, so the rows and the horizon come from the same snapshot. A cursor beyond the snapshot (the
// database was restored from a backup) reads from the start. The LEFT JOIN keeps one row (with a NULL session)
// when nothing is new, to carry the cursor.
constexpr std::string_view select_revocations =
    "WITH snapshot AS (SELECT pg_current_snapshot() AS snap), "
    "bounds AS (SELECT pg_snapshot_xmin(snap)::text AS cursor, CASE WHEN $1::text::xid8 > pg_snapshot_xmax(snap) "
    "THEN '0'::xid8 ELSE $1::text::xid8 END AS after FROM snapshot) "
    "SELECT b.cursor, r.session_id::text AS session_id, r.revoked_at FROM bounds b "
    "LEFT JOIN auth.revocations r ON r.txid >= b.after "
    "AND r.revoked_at > now() - make_interval(secs => $2) ORDER BY r.seq";
constexpr std::string_view delete_old_revocations =
    "DELETE FROM auth.revocations WHERE revoked_at < now() - make_interval(secs => $1)";

/// One row of the feed read.
struct revocation_row {
  std::string cursor;
  std::optional<std::string> session_id;
  std::optional<std::string> revoked_at;
};
BOOST_DESCRIBE_STRUCT(revocation_row, (), (cursor, session_id, revoked_at))

}  // namespace

common::awaitable<api::revocation_feed_out> read_revocations(pg::pool& db, std::string after, long long window_seconds) {
  pg::params p{pg::text(std::move(after)), pg::float8(static_cast<double>(window_seconds))};
  pg::result r = co_await db.query(select_revocations, std::move(p));
  std::vector<revocation_row> rows = pg::rows_as<revocation_row>(r);
  api::revocation_feed_out out;
  for (revocation_row& row : rows) {
    out.cursor = std::move(row.cursor);
    if (!row.session_id || !row.revoked_at) continue;
    out.revocations.push_back(api::revocation_out{std::move(*row.session_id), std::move(*row.revoked_at)});
  }
  co_return out;
}

common::awaitable<long long> prune_revocations(pg::pool& db, long long keep_seconds) {
  pg::params p{pg::float8(static_cast<double>(keep_seconds))};
  pg::result r = co_await db.query(delete_old_revocations, std::move(p));
  co_return r.affected();
}

}  // namespace auth::storage
