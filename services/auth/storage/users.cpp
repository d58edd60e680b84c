// auth.users statements (typed parameters, rows read by column name).
#include "auth/storage/users.hpp"
#include "common/pg/rows.hpp"

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view insert_user_sql =
    "INSERT INTO auth.users (email, password_hash) VALUES ($1, $2) ON CONFLICT ((lower(email))) DO NOTHING "
    "RETURNING id, email, password_hash, created_at";
constexpr std::string_view select_user_by_email =
    "SELECT id, email, password_hash, created_at FROM auth.users WHERE lower(email) = lower($1)";
constexpr std::string_view select_user = "SELECT id, email, password_hash, created_at FROM auth.users WHERE id = $1";
constexpr std::string_view update_password_hash =
    "UPDATE auth.users SET password_hash = $2, updated_at = now() WHERE id = $1";
constexpr std::string_view delete_user_sql = "DELETE FROM auth.users WHERE id = $1";

}  // namespace

common::awaitable<std::optional<domain::user_record>> insert_user(pg::pool& db, std::string email,
                                                                  std::string password_hash) {
  pg::params p{pg::text(std::move(email)), pg::text(std::move(password_hash))};
  pg::result r = co_await db.query(insert_user_sql, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<std::optional<domain::user_record>> find_user_by_email(pg::pool& db, std::string email) {
  pg::params p{pg::text(std::move(email))};
  pg::result r = co_await db.query(select_user_by_email, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<std::optional<domain::user_record>> find_user(pg::pool& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_user, std::move(p));
  co_return pg::first_row_as<domain::user_record>(r);
}

common::awaitable<void> set_password_hash(pg::pool& db, std::string user_id, std::string password_hash) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(password_hash))};
  co_await db.query(update_password_hash, std::move(p));
}

common::awaitable<bool> delete_user(pg::pool& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(delete_user_sql, std::move(p));
  co_return r.affected() > 0;
}

}  // namespace auth::storage
