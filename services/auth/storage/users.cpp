// auth.users statements, including registration with an invite in one transaction (typed parameters, rows read
// by column name).
#include "auth/storage/users.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view insert_user_sql =
    "INSERT INTO auth.users (email, password_hash) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING "
    "RETURNING id, email, password_hash, created_at, admin, disabled";
constexpr std::string_view select_user_by_email =
    "SELECT id, email, password_hash, created_at, admin, disabled FROM auth.users WHERE lower(email) = lower($1)";
constexpr std::string_view select_user =
    "SELECT id, email, password_hash, created_at, admin, disabled FROM auth.users WHERE id = $1";
constexpr std::string_view update_password_hash =
    "UPDATE auth.users SET password_hash = $2, updated_at = now() WHERE id = $1";
constexpr std::string_view delete_user_sql = "DELETE FROM auth.users WHERE id = $1";
constexpr std::string_view use_invite =
    "UPDATE auth.invites SET uses_left = uses_left - 1 WHERE code_hash = $1 AND uses_left > 0 AND expires_at > now() "
    "RETURNING id";
constexpr std::string_view select_refused_invite =
    "SELECT uses_left = 0 AS used_up FROM auth.invites WHERE code_hash = $1";
constexpr std::string_view give_back_invite = "UPDATE auth.invites SET uses_left = uses_left + 1 WHERE id = $1";
constexpr std::string_view select_accounts =
    "SELECT u.id, u.email, u.created_at, u.last_login_at, u.disabled, u.admin, "
    "EXISTS (SELECT 1 FROM auth.provider_keys k WHERE k.user_id = u.id) AS key_stored FROM auth.users u "
    "ORDER BY u.created_at, u.id";
constexpr std::string_view select_account =
    "SELECT u.id, u.email, u.created_at, u.last_login_at, u.disabled, u.admin, "
    "EXISTS (SELECT 1 FROM auth.provider_keys k WHERE k.user_id = u.id) AS key_stored FROM auth.users u "
    "WHERE u.id = $1";
constexpr std::string_view set_disabled_sql =
    "WITH changed AS (UPDATE auth.users SET disabled = $2, updated_at = now() WHERE id = $1 RETURNING id), "
    "ended AS (UPDATE auth.sessions SET revoked_at = now() WHERE $2 AND user_id IN (SELECT id FROM changed) "
    "AND revoked_at IS NULL AND expires_at > now() RETURNING id) "
    "SELECT (SELECT count(*) FROM changed) AS found, (SELECT count(*) FROM ended) AS sessions_ended";
constexpr std::string_view set_admin_sql =
    "UPDATE auth.users SET admin = $2, updated_at = now() WHERE id = $1";

/// The id of an invite.
struct invite_id_row {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(invite_id_row, (), (id))

/// Why a stored invite was not usable.
struct refused_invite_row {
  bool used_up = false;
};
BOOST_DESCRIBE_STRUCT(refused_invite_row, (), (used_up))

/// What set_disabled_sql changed.
struct disabled_row {
  long long found = 0;
  long long sessions_ended = 0;
};
BOOST_DESCRIBE_STRUCT(disabled_row, (), (found, sessions_ended))

}  // namespace

common::awaitable<std::optional<domain::user_record>> insert_user(pg::queryable& db, std::string email,
                                                                  std::string password_hash) {
  pg::params p{pg::text(std::move(email)), pg::text(std::move(password_hash))};
  pg::result r = co_await db.query(insert_user_sql, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<std::optional<domain::user_record>> find_user_by_email(pg::queryable& db, std::string email) {
  pg::params p{pg::text(std::move(email))};
  pg::result r = co_await db.query(select_user_by_email, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<std::optional<domain::user_record>> find_user(pg::queryable& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_user, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<void> set_password_hash(pg::queryable& db, std::string user_id, std::string password_hash) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(password_hash))};
  co_await db.query(update_password_hash, std::move(p));
}

common::awaitable<bool> delete_user(pg::queryable& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(delete_user_sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<invited_user> insert_invited_user(pg::transaction& tx, std::string email, std::string password_hash,
                                                    std::string code_hash) {
  invited_user out;
  pg::params p1{pg::bytea(code_hash)};
  pg::result used = co_await tx.query(use_invite, std::move(p1));
  auto invite = pg::first_row_as<invite_id_row>(used);
  if (!invite) {
    pg::params p2{pg::bytea(code_hash)};
    pg::result refused_rows = co_await tx.query(select_refused_invite, std::move(p2));
    auto refused = pg::first_row_as<refused_invite_row>(refused_rows);
    out.what = !refused ? invited_user::kind::unknown_code
               : refused->used_up ? invited_user::kind::used_up
                                  : invited_user::kind::expired;
    co_return out;
  }
  pg::params p3{pg::text(std::move(email)), pg::text(std::move(password_hash))};
  pg::result inserted = co_await tx.query(insert_user_sql, std::move(p3));
  out.user = pg::first_row_as<domain::user_record>(inserted);
  if (!out.user) {
    pg::params p4{pg::uuid(invite->id)};
    co_await tx.query(give_back_invite, std::move(p4));
    out.what = invited_user::kind::email_taken;
    co_return out;
  }
  out.what = invited_user::kind::created;
  out.invite_id = std::move(invite->id);
  co_return out;
}

common::awaitable<std::vector<api::admin_user_out>> list_accounts(pg::queryable& db) {
  pg::result r = co_await db.query(select_accounts);
  co_return pg::rows_as<api::admin_user_out>(r);
}

common::awaitable<std::optional<api::admin_user_out>> find_account(pg::queryable& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_account, std::move(p));
  co_return pg::first_row_as<api::admin_user_out>(r);
}

common::awaitable<std::optional<long long>> set_disabled(pg::queryable& db, std::string user_id, bool disabled) {
  pg::params p{pg::uuid(std::move(user_id)), pg::boolean(disabled)};
  pg::result r = co_await db.query(set_disabled_sql, std::move(p));
  std::vector<disabled_row> rows = pg::rows_as<disabled_row>(r);
  if (rows.at(0).found == 0) co_return std::nullopt;
  co_return rows.at(0).sessions_ended;
}

common::awaitable<void> set_admin(pg::queryable& db, std::string user_id, bool admin) {
  pg::params p{pg::uuid(std::move(user_id)), pg::boolean(admin)};
  co_await db.query(set_admin_sql, std::move(p));
}

}  // namespace auth::storage
