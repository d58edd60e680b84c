// auth.password_resets statements (typed parameters, rows read by column name).
#include "auth/storage/password_resets.hpp"
#include "common/pg/rows.hpp"

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view insert_reset_sql =
    "INSERT INTO auth.password_resets (token_hash, user_id, expires_at) "
    "VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at";
constexpr std::string_view select_reset_sql =
    "SELECT user_id, used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM auth.password_resets "
    "WHERE token_hash = $1";
constexpr std::string_view complete_reset_sql =
    "WITH token AS (UPDATE auth.password_resets SET used_at = now() "
    "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id), "
    "siblings AS (UPDATE auth.password_resets SET used_at = now() "
    "WHERE user_id IN (SELECT user_id FROM token) AND token_hash <> $1 AND used_at IS NULL), "
    "changed AS (UPDATE auth.users SET password_hash = $2, updated_at = now() "
    "WHERE id IN (SELECT user_id FROM token) RETURNING id), "
    "ended AS (UPDATE auth.sessions SET revoked_at = now() "
    "WHERE user_id IN (SELECT id FROM changed) AND revoked_at IS NULL AND expires_at > now() RETURNING id) "
    "SELECT id AS user_id, (SELECT count(*) FROM ended) AS sessions_ended FROM changed";

/// The expiry of a new token.
struct expiry_row {
  std::string expires_at;
};
BOOST_DESCRIBE_STRUCT(expiry_row, (), (expires_at))

}  // namespace

common::awaitable<std::string> insert_reset_token(pg::queryable& db, std::string token_hash, std::string user_id,
                                                  long long lifetime_seconds) {
  pg::params p{pg::bytea(token_hash), pg::uuid(std::move(user_id)), pg::float8(static_cast<double>(lifetime_seconds))};
  pg::result r = co_await db.query(insert_reset_sql, std::move(p));
  std::vector<expiry_row> rows = pg::rows_as<expiry_row>(r);
  co_return std::move(rows.at(0).expires_at);
}

common::awaitable<std::optional<reset_token_state>> find_reset_token(pg::queryable& db, std::string token_hash) {
  pg::params p{pg::bytea(token_hash)};
  pg::result r = co_await db.query(select_reset_sql, std::move(p));
  co_return pg::first_row_as<reset_token_state>(r);
}

common::awaitable<std::optional<completed_reset>> complete_reset(pg::queryable& db, std::string token_hash,
                                                                 std::string password_hash) {
  pg::params p{pg::bytea(token_hash), pg::text(std::move(password_hash))};
  pg::result r = co_await db.query(complete_reset_sql, std::move(p));
  co_return pg::first_row_as<completed_reset>(r);
}

}  // namespace auth::storage
