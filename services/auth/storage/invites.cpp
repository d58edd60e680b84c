// auth.invites statements (typed parameters, rows read by column name).
#include "auth/storage/invites.hpp"
#include "common/pg/rows.hpp"

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view insert_invite_sql =
    "INSERT INTO auth.invites (code_hash, uses, uses_left, expires_at, created_by) "
    "VALUES ($1, $2, $2, now() + make_interval(secs => $3), $4) RETURNING id, expires_at";

}  // namespace

common::awaitable<stored_invite> insert_invite(pg::queryable& db, std::string code_hash, int uses,
                                               long long lifetime_seconds, std::optional<std::string> created_by) {
  pg::params p{pg::bytea(code_hash), pg::int4(uses), pg::float8(static_cast<double>(lifetime_seconds)),
               pg::uuid(std::move(created_by))};
  pg::result r = co_await db.query(insert_invite_sql, std::move(p));
  std::vector<stored_invite> rows = pg::rows_as<stored_invite>(r);
  co_return std::move(rows.at(0));
}

}  // namespace auth::storage
