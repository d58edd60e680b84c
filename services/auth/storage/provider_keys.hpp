// SQL of auth.provider_keys (envelope columns in and out; never plaintext).
#pragma once
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::storage {

/// The user's key for `provider`.
common::awaitable<std::optional<domain::key_record>> find_key(common::pg::queryable& db, std::string user_id,
                                                              std::string provider);
/// All of the user's keys, ordered by provider.
common::awaitable<std::vector<domain::key_record>> list_keys(common::pg::queryable& db, std::string user_id);
/// Inserts a new key; nullopt when the user already has one for that provider. With `checked`, validated_at is
/// now and the credit is stored; without (an unchecked key, e.g. one imported), all three are NULL.
common::awaitable<std::optional<domain::key_record>> insert_key(common::pg::queryable& db, std::string user_id,
                                                                std::string provider, domain::envelope env,
                                                                std::string key_hint,
                                                                std::optional<domain::key_credit> checked = std::nullopt);
/// Replaces the envelope, hint and optionally the enabled flag of `expected`, provided its wrapped data key
/// is still the one read (optimistic check); nullopt when the row changed or vanished meanwhile.
/// `endpoint_changed` sets endpoint_changed_at to now.
common::awaitable<std::optional<domain::key_record>> update_key(common::pg::queryable& db, domain::key_record expected,
                                                                domain::envelope env, std::string key_hint,
                                                                std::optional<bool> enabled, bool endpoint_changed);
/// Replaces key, hint and check results (as insert_key) of `expected` if its wrapped data key is still the one
/// read; nullopt when the row changed or vanished meanwhile. Enabled flag and endpoint are the caller's `env`;
/// `endpoint_changed` sets endpoint_changed_at to now. A new key with an endpoint (insert_key) sets it too.
common::awaitable<std::optional<domain::key_record>> replace_key(common::pg::queryable& db, domain::key_record expected,
                                                                 domain::envelope env, std::string key_hint,
                                                                 std::optional<domain::key_credit> checked,
                                                                 bool endpoint_changed);
/// Sets validated_at = now() and the credit of `expected` if it is still the same key; nullopt otherwise.
common::awaitable<std::optional<domain::key_record>> record_check(common::pg::queryable& db, domain::key_record expected,
                                                                  domain::key_credit credit);
/// Deletes the user's key for `provider`; false when absent.
common::awaitable<bool> delete_key(common::pg::queryable& db, std::string user_id, std::string provider);
/// Sets last_used_at = now().
common::awaitable<void> mark_key_used(common::pg::queryable& db, std::string key_id);
/// Up to `limit` keys not wrapped by `newest_version`, with id greater than `after_id` (empty: from the start).
common::awaitable<std::vector<domain::key_record>> keys_to_rewrap(common::pg::queryable& db, int newest_version,
                                                                  std::string after_id, int limit);
/// Stores a rewrapped data key if the row is still wrapped by `old_version`; false otherwise.
common::awaitable<bool> store_rewrapped(common::pg::queryable& db, std::string key_id, int old_version,
                                        domain::envelope env);
/// Number of keys wrapped by `version`.
common::awaitable<long long> count_keys_at_version(common::pg::queryable& db, int version);

}  // namespace auth::storage
