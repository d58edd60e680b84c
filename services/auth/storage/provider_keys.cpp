// auth.provider_keys statements (typed parameters, rows read by column name).
#include "auth/storage/provider_keys.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace auth::storage {
namespace {
namespace pg = common::pg;

// Every column of a key row, in key_row's order.
#define KEY_COLUMNS                                                                                              \
  "id, user_id, provider, kek_version, wrapped_data_key, sealed_key, sealed_endpoint, key_hint, enabled, "     \
  "created_at, updated_at, last_used_at, validated_at, credit_limit, credit_usage, endpoint_changed_at"

constexpr std::string_view select_user_key =
    "SELECT " KEY_COLUMNS " FROM auth.provider_keys WHERE user_id = $1 AND provider = $2";
constexpr std::string_view select_user_keys =
    "SELECT " KEY_COLUMNS " FROM auth.provider_keys WHERE user_id = $1 ORDER BY provider";
constexpr std::string_view insert_key_sql =
    "INSERT INTO auth.provider_keys (user_id, provider, kek_version, wrapped_data_key, sealed_key, "
    "sealed_endpoint, key_hint, validated_at, credit_limit, credit_usage, endpoint_changed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END, $9, $10, CASE WHEN $6 IS NOT NULL THEN now() END) "
    "ON CONFLICT (user_id, provider) DO NOTHING RETURNING " KEY_COLUMNS;
constexpr std::string_view update_key_sql =
    "UPDATE auth.provider_keys SET kek_version = $3, wrapped_data_key = $4, sealed_key = $5, sealed_endpoint = $6, "
    "key_hint = $7, enabled = coalesce($8, enabled), updated_at = now(), "
    "endpoint_changed_at = CASE WHEN $9 THEN now() ELSE endpoint_changed_at END "
    "WHERE id = $1 AND wrapped_data_key = $2 RETURNING " KEY_COLUMNS;
constexpr std::string_view replace_key_sql =
    "UPDATE auth.provider_keys SET kek_version = $3, wrapped_data_key = $4, sealed_key = $5, sealed_endpoint = $6, "
    "key_hint = $7, validated_at = CASE WHEN $8 THEN now() END, credit_limit = $9, credit_usage = $10, "
    "updated_at = now(), endpoint_changed_at = CASE WHEN $11 THEN now() ELSE endpoint_changed_at END "
    "WHERE id = $1 AND wrapped_data_key = $2 RETURNING " KEY_COLUMNS;
constexpr std::string_view record_check_sql =
    "UPDATE auth.provider_keys SET validated_at = now(), credit_limit = $3, credit_usage = $4 "
    "WHERE id = $1 AND wrapped_data_key = $2 RETURNING " KEY_COLUMNS;
constexpr std::string_view delete_key_sql = "DELETE FROM auth.provider_keys WHERE user_id = $1 AND provider = $2";
constexpr std::string_view mark_used_sql = "UPDATE auth.provider_keys SET last_used_at = now() WHERE id = $1";
constexpr std::string_view select_keys_to_rewrap =
    "SELECT " KEY_COLUMNS " FROM auth.provider_keys WHERE kek_version <> $1 "
    "AND ($2 IS NULL OR id > $2) ORDER BY id LIMIT $3";
constexpr std::string_view store_rewrapped_sql =
    "UPDATE auth.provider_keys SET kek_version = $3, wrapped_data_key = $4 WHERE id = $1 AND kek_version = $2";
constexpr std::string_view count_at_version = "SELECT count(*) AS n FROM auth.provider_keys WHERE kek_version = $1";

/// One auth.provider_keys row as stored.
struct key_row {
  std::string id;
  std::string user_id;
  std::string provider;
  int kek_version = 0;
  std::string wrapped_data_key;
  std::string sealed_key;
  std::optional<std::string> sealed_endpoint;
  std::string key_hint;
  bool enabled = true;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> validated_at;
  std::optional<double> credit_limit;
  std::optional<double> credit_usage;
  std::optional<std::string> endpoint_changed_at;
};
BOOST_DESCRIBE_STRUCT(key_row, (), (id, user_id, provider, kek_version, wrapped_data_key, sealed_key, sealed_endpoint,
                                    key_hint, enabled, created_at, updated_at, last_used_at, validated_at,
                                    credit_limit, credit_usage, endpoint_changed_at))

/// A count.
struct count_row {
  long long n = 0;
};
BOOST_DESCRIBE_STRUCT(count_row, (), (n))

domain::key_record record_of(key_row row) {
  domain::key_record k;
  k.id = std::move(row.id);
  k.user_id = std::move(row.user_id);
  k.provider = std::move(row.provider);
  k.env.kek_version = row.kek_version;
  k.env.wrapped_data_key = std::move(row.wrapped_data_key);
  k.env.sealed_key = std::move(row.sealed_key);
  k.env.sealed_endpoint = std::move(row.sealed_endpoint);
  k.key_hint = std::move(row.key_hint);
  k.enabled = row.enabled;
  k.created_at = std::move(row.created_at);
  k.updated_at = std::move(row.updated_at);
  k.last_used_at = std::move(row.last_used_at);
  k.validated_at = std::move(row.validated_at);
  k.credit_limit = row.credit_limit;
  k.credit_usage = row.credit_usage;
  k.endpoint_changed_at = std::move(row.endpoint_changed_at);
  return k;
}

std::vector<domain::key_record> records_of(const pg::result& r) {
  std::vector<domain::key_record> out;
  for (key_row& row : pg::rows_as<key_row>(r)) out.push_back(record_of(std::move(row)));
  return out;
}

/// Appends the stored form of a key: KEK version, wrapped data key, sealed key and endpoint, hint.
void append_envelope(pg::params& p, const domain::envelope& env, std::string key_hint) {
  p.push_back(pg::int4(env.kek_version));
  p.push_back(pg::bytea(env.wrapped_data_key));
  p.push_back(pg::bytea(env.sealed_key));
  p.push_back(pg::bytea(env.sealed_endpoint));
  p.push_back(pg::text(std::move(key_hint)));
}

/// Appends whether the key was just checked, and the credit the provider reported.
void append_check(pg::params& p, const std::optional<domain::key_credit>& checked) {
  p.push_back(pg::boolean(checked.has_value()));
  p.push_back(pg::float8(checked ? checked->limit : std::nullopt));
  p.push_back(pg::float8(checked ? checked->usage : std::nullopt));
}

std::optional<domain::key_record> first_record(const pg::result& r) {
  auto row = pg::first_row_as<key_row>(r);
  if (!row) return std::nullopt;
  return record_of(std::move(*row));
}

}  // namespace

common::awaitable<std::optional<domain::key_record>> find_key(pg::queryable& db, std::string user_id,
                                                              std::string provider) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(provider))};
  pg::result r = co_await db.query(select_user_key, std::move(p));
  co_return first_record(r);
}

common::awaitable<std::vector<domain::key_record>> list_keys(pg::queryable& db, std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db.query(select_user_keys, std::move(p));
  co_return records_of(r);
}

common::awaitable<std::optional<domain::key_record>> insert_key(pg::queryable& db, std::string user_id,
                                                                std::string provider, domain::envelope env,
                                                                std::string key_hint,
                                                                std::optional<domain::key_credit> checked) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(provider))};
  append_envelope(p, env, std::move(key_hint));
  append_check(p, checked);
  pg::result r = co_await db.query(insert_key_sql, std::move(p));
  co_return first_record(r);
}

common::awaitable<std::optional<domain::key_record>> update_key(pg::queryable& db, domain::key_record expected,
                                                                domain::envelope env, std::string key_hint,
                                                                std::optional<bool> enabled, bool endpoint_changed) {
  pg::params p{pg::uuid(std::move(expected.id)), pg::bytea(expected.env.wrapped_data_key)};
  append_envelope(p, env, std::move(key_hint));
  p.push_back(pg::boolean(enabled));
  p.push_back(pg::boolean(endpoint_changed));
  pg::result r = co_await db.query(update_key_sql, std::move(p));
  co_return first_record(r);
}

common::awaitable<std::optional<domain::key_record>> replace_key(pg::queryable& db, domain::key_record expected,
                                                                 domain::envelope env, std::string key_hint,
                                                                 std::optional<domain::key_credit> checked,
                                                                 bool endpoint_changed) {
  pg::params p{pg::uuid(std::move(expected.id)), pg::bytea(expected.env.wrapped_data_key)};
  append_envelope(p, env, std::move(key_hint));
  append_check(p, checked);
  p.push_back(pg::boolean(endpoint_changed));
  pg::result r = co_await db.query(replace_key_sql, std::move(p));
  co_return first_record(r);
}

common::awaitable<std::optional<domain::key_record>> record_check(pg::queryable& db, domain::key_record expected,
                                                                  domain::key_credit credit) {
  pg::params p{pg::uuid(std::move(expected.id)), pg::bytea(expected.env.wrapped_data_key), pg::float8(credit.limit),
               pg::float8(credit.usage)};
  pg::result r = co_await db.query(record_check_sql, std::move(p));
  co_return first_record(r);
}

common::awaitable<bool> delete_key(pg::queryable& db, std::string user_id, std::string provider) {
  pg::params p{pg::uuid(std::move(user_id)), pg::text(std::move(provider))};
  pg::result r = co_await db.query(delete_key_sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<void> mark_key_used(pg::queryable& db, std::string key_id) {
  pg::params p{pg::uuid(std::move(key_id))};
  co_await db.query(mark_used_sql, std::move(p));
}

common::awaitable<std::vector<domain::key_record>> keys_to_rewrap(pg::queryable& db, int newest_version,
                                                                  std::string after_id, int limit) {
  std::optional<std::string> after;
  if (!after_id.empty()) after = std::move(after_id);
  pg::params p{pg::int4(newest_version), pg::uuid(std::move(after)), pg::int8(limit)};
  pg::result r = co_await db.query(select_keys_to_rewrap, std::move(p));
  co_return records_of(r);
}

common::awaitable<bool> store_rewrapped(pg::queryable& db, std::string key_id, int old_version, domain::envelope env) {
  pg::params p{pg::uuid(std::move(key_id)), pg::int4(old_version), pg::int4(env.kek_version),
               pg::bytea(env.wrapped_data_key)};
  pg::result r = co_await db.query(store_rewrapped_sql, std::move(p));
  co_return r.affected() > 0;
}

common::awaitable<long long> count_keys_at_version(pg::queryable& db, int version) {
  pg::params p{pg::int4(version)};
  pg::result r = co_await db.query(count_at_version, std::move(p));
  co_return pg::rows_as<count_row>(r).at(0).n;
}

}  // namespace auth::storage
