// SELECTs on the legacy tables users and user_api_keys (schema public).
#include "auth/storage/legacy_source.hpp"
#include "common/pg/rows.hpp"

namespace auth::storage {
namespace {

constexpr std::string_view select_users =
    "SELECT id::text AS id, email, password_hash, created_at::timestamptz AS created_at, "
    "coalesce(updated_at, created_at)::timestamptz AS updated_at FROM public.users ORDER BY created_at, id";
constexpr std::string_view select_keys =
    "SELECT id::text AS id, user_id::text AS user_id, coalesce(provider, 'openrouter') AS provider, encrypted_key, "
    "key_hint FROM public.user_api_keys ORDER BY user_id, provider, id";

}  // namespace

common::awaitable<std::vector<legacy_user>> read_legacy_users(common::pg::pool& legacy) {
  common::pg::result r = co_await legacy.query(select_users);
  co_return common::pg::rows_as<legacy_user>(r);
}

common::awaitable<std::vector<legacy_key>> read_legacy_keys(common::pg::pool& legacy) {
  common::pg::result r = co_await legacy.query(select_keys);
  co_return common::pg::rows_as<legacy_key>(r);
}

}  // namespace auth::storage
