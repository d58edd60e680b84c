// auth.provider_keys statements.
#include "auth/storage/provider_keys.hpp"

namespace auth::storage {
namespace {
namespace pg = common::pg;

const std::string key_columns =
    "id, user_id, provider, kek_version, wrapped_data_key, sealed_key, sealed_endpoint, key_hint, enabled, "
    "auth.rfc3339(created_at), auth.rfc3339(updated_at), auth.rfc3339(last_used_at)";

domain::key_record key_at(const pg::result& r, int i) {
  domain::key_record k;
  k.id = r.text(i, 0);
  k.user_id = r.text(i, 1);
  k.provider = r.text(i, 2);
  k.env.kek_version = static_cast<int>(r.integer(i, 3));
  k.env.wrapped_data_key = r.bytes(i, 4);
  k.env.sealed_key = r.bytes(i, 5);
  if (!r.is_null(i, 6)) k.env.sealed_endpoint = r.bytes(i, 6);
  k.key_hint = r.text(i, 7);
  k.enabled = r.boolean(i, 8);
  k.created_at = r.text(i, 9);
  k.updated_at = r.text(i, 10);
  k.last_used_at = r.opt_text(i, 11);
  return k;
}

std::optional<domain::key_record> first_key(const pg::result& r) {
  if (r.empty()) return std::nullopt;
  return key_at(r, 0);
}

std::optional<std::string> endpoint_param(const domain::envelope& env) {
  if (!env.sealed_endpoint) return std::nullopt;
  return pg::bytea_param(*env.sealed_endpoint);
}

}  // namespace

common::awaitable<std::optional<domain::key_record>> find_key(pg::pool& db, std::string user_id,
                                                              std::string provider) {
  static const std::string sql =
      "SELECT " + key_columns + " FROM auth.provider_keys WHERE user_id = $1 AND provider = $2";
  pg::params p{std::move(user_id), std::move(provider)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return first_key(r);
}

common::awaitable<std::vector<domain::key_record>> list_keys(pg::pool& db, std::string user_id) {
  static const std::string sql =
      "SELECT " + key_columns + " FROM auth.provider_keys WHERE user_id = $1 ORDER BY provider";
  pg::params p{std::move(user_id)};
  pg::result r = co_await db.query(sql, std::move(p));
  std::vector<domain::key_record> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(key_at(r, i));
  co_return out;
}

common::awaitable<std::optional<domain::key_record>> insert_key(pg::pool& db, std::string user_id,
                                                                std::string provider, domain::envelope env,
                                                                std::string key_hint) {
  static const std::string sql =
      "INSERT INTO auth.provider_keys (user_id, provider, kek_version, wrapped_data_key, sealed_key, "
      "sealed_endpoint, key_hint) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "ON CONFLICT (user_id, provider) DO NOTHING RETURNING " + key_columns;
  pg::params p{std::move(user_id),
               std::move(provider),
               std::to_string(env.kek_version),
               pg::bytea_param(env.wrapped_data_key),
               pg::bytea_param(env.sealed_key),
               endpoint_param(env),
               std::move(key_hint)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return first_key(r);
}

common::awaitable<std::optional<domain::key_record>> update_key(pg::pool& db, domain::key_record expected,
                                                                domain::envelope env, std::string key_hint,
                                                                std::optional<bool> enabled) {
  static const std::string sql =
      "UPDATE auth.provider_keys SET kek_version = $3, wrapped_data_key = $4, sealed_key = $5, sealed_endpoint = $6, "
      "key_hint = $7, enabled = coalesce($8::boolean, enabled), updated_at = now() "
      "WHERE id = $1 AND wrapped_data_key = $2 RETURNING " + key_columns;
  std::optional<std::string> enabled_param;
  if (enabled) enabled_param = *enabled ? "true" : "false";
  pg::params p{std::move(expected.id),
               pg::bytea_param(expected.env.wrapped_data_key),
               std::to_string(env.kek_version),
               pg::bytea_param(env.wrapped_data_key),
               pg::bytea_param(env.sealed_key),
               endpoint_param(env),
               std::move(key_hint),
               std::move(enabled_param)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return first_key(r);
}

common::awaitable<bool> delete_key(pg::pool& db, std::string user_id, std::string provider) {
  constexpr std::string_view sql = "DELETE FROM auth.provider_keys WHERE user_id = $1 AND provider = $2";
  pg::params p{std::move(user_id), std::move(provider)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<void> mark_key_used(pg::pool& db, std::string key_id) {
  constexpr std::string_view sql = "UPDATE auth.provider_keys SET last_used_at = now() WHERE id = $1";
  pg::params p{std::move(key_id)};
  co_await db.query(sql, std::move(p));
}

common::awaitable<std::vector<domain::key_record>> keys_to_rewrap(pg::pool& db, int newest_version,
                                                                  std::string after_id, int limit) {
  static const std::string sql =
      "SELECT " + key_columns + " FROM auth.provider_keys WHERE kek_version <> $1 "
      "AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3";
  std::optional<std::string> after;
  if (!after_id.empty()) after = std::move(after_id);
  pg::params p{std::to_string(newest_version), std::move(after), std::to_string(limit)};
  pg::result r = co_await db.query(sql, std::move(p));
  std::vector<domain::key_record> out;
  for (int i = 0; i < r.size(); ++i) out.push_back(key_at(r, i));
  co_return out;
}

common::awaitable<bool> store_rewrapped(pg::pool& db, std::string key_id, int old_version, domain::envelope env) {
  constexpr std::string_view sql =
      "UPDATE auth.provider_keys SET kek_version = $3, wrapped_data_key = $4 WHERE id = $1 AND kek_version = $2";
  pg::params p{std::move(key_id), std::to_string(old_version), std::to_string(env.kek_version),
               pg::bytea_param(env.wrapped_data_key)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<long long> count_keys_at_version(pg::pool& db, int version) {
  constexpr std::string_view sql = "SELECT count(*) FROM auth.provider_keys WHERE kek_version = $1";
  pg::params p{std::to_string(version)};
  pg::result r = co_await db.query(sql, std::move(p));
  co_return r.integer(0, 0);
}

}  // namespace auth::storage
