// Ledger queries over auth.audit_events and the account insert with its audit row.
#include "auth/storage/legacy_ledger.hpp"
#include "auth/storage/audit.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace auth::storage {
namespace pg = common::pg;
namespace {

constexpr std::string_view select_imported_users =
    "SELECT details->>'legacy_user_id' AS legacy_id, user_id::text AS user_id FROM auth.audit_events "
    "WHERE action = 'legacy_import' AND outcome = 'success' AND details ? 'legacy_user_id' AND user_id IS NOT NULL";
constexpr std::string_view select_imported_keys =
    "SELECT DISTINCT details->>'legacy_key_id' AS legacy_id FROM auth.audit_events "
    "WHERE outcome = 'success' AND details ? 'legacy_key_id'";
constexpr std::string_view insert_account_sql =
    "INSERT INTO auth.users (email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT ((lower(email))) DO NOTHING RETURNING id::text AS id";

struct imported_user_row {
  std::string legacy_id;
  std::string user_id;
};
BOOST_DESCRIBE_STRUCT(imported_user_row, (), (legacy_id, user_id))

struct imported_key_row {
  std::string legacy_id;
};
BOOST_DESCRIBE_STRUCT(imported_key_row, (), (legacy_id))

struct id_row {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(id_row, (), (id))

}  // namespace

common::awaitable<std::map<std::string, std::string>> imported_legacy_users(pg::pool& db) {
  pg::result r = co_await db.query(select_imported_users);
  std::map<std::string, std::string> out;
  for (imported_user_row& row : pg::rows_as<imported_user_row>(r)) out.emplace(row.legacy_id, row.user_id);
  co_return out;
}

common::awaitable<std::set<std::string>> imported_legacy_keys(pg::pool& db) {
  pg::result r = co_await db.query(select_imported_keys);
  std::set<std::string> out;
  for (imported_key_row& row : pg::rows_as<imported_key_row>(r)) out.insert(std::move(row.legacy_id));
  co_return out;
}

common::awaitable<std::optional<std::string>> insert_legacy_account(pg::pool& db, legacy_account account,
                                                                    domain::audit_entry audit) {
  pg::transaction tx = co_await db.begin();
  // The timestamps go untyped: the server reads the RFC 3339 text as timestamptz.
  pg::params p{pg::text(std::move(account.email)), pg::text(std::move(account.password_hash)),
               pg::param(std::move(account.created_at)), pg::param(std::move(account.updated_at))};
  pg::result r = co_await tx.query(insert_account_sql, std::move(p));
  auto row = pg::first_row_as<id_row>(r);
  if (row) {
    audit.user_id = row->id;
    co_await append_event(tx, std::move(audit));
  }
  co_await tx.commit();
  if (!row) co_return std::nullopt;
  co_return row->id;
}

}  // namespace auth::storage
