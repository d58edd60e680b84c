// auth.users statements.
#include "auth/storage/users.hpp"

namespace auth::storage {
namespace {
namespace pg = common::pg;

constexpr std::string_view user_columns = "id, email, password_hash, auth.rfc3339(created_at)";

std::optional<domain::user_record> user_from(const pg::result& r) {
  if (r.empty()) return std::nullopt;
  domain::user_record u;
  u.id = r.text(0, 0);
  u.email = r.text(0, 1);
  u.password_hash = r.text(0, 2);
  u.created_at = r.text(0, 3);
  return u;
}

}  // namespace

common::awaitable<std::optional<domain::user_record>> insert_user(pg::pool& db, std::string email,
                                                                  std::string password_hash) {
  static const std::string sql = "INSERT INTO auth.users (email, password_hash) VALUES ($1, $2) "
                                 "ON CONFLICT ((lower(email))) DO NOTHING RETURNING " + std::string(user_columns);
  pg::params p{std::move(email), std::move(password_hash)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return user_from(r);
}

common::awaitable<std::optional<domain::user_record>> find_user_by_email(pg::pool& db, std::string email) {
  static const std::string sql =
      "SELECT " + std::string(user_columns) + " FROM auth.users WHERE lower(email) = lower($1)";
  pg::params p{std::move(email)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return user_from(r);
}

common::awaitable<std::optional<domain::user_record>> find_user(pg::pool& db, std::string user_id) {
  static const std::string sql = "SELECT " + std::string(user_columns) + " FROM auth.users WHERE id = $1";
  pg::params p{std::move(user_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return user_from(r);
}

common::awaitable<void> set_password_hash(pg::pool& db, std::string user_id, std::string password_hash) {
  constexpr std::string_view sql = "UPDATE auth.users SET password_hash = $2, updated_at = now() WHERE id = $1";
  pg::params p{std::move(user_id), std::move(password_hash)};
  co_await db.query(sql, std::move(p));
}

common::awaitable<bool> delete_user(pg::pool& db, std::string user_id) {
  constexpr std::string_view sql = "DELETE FROM auth.users WHERE id = $1";
  pg::params p{std::move(user_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.affected() > 0;
}

}  // namespace auth::storage
