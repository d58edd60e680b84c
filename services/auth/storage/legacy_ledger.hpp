// What earlier imports from the Python app did, read from the audit log (its rows are the import ledger:
// append-only, written in the same transaction as the account), and the account insert that writes one.
#pragma once
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <map>
#include <optional>
#include <set>
#include <string>

namespace auth::storage {

/// An account to create from a legacy row, keeping its hash and timestamps.
struct legacy_account {
  std::string email;
  std::string password_hash;
  std::string created_at;  // RFC 3339
  std::string updated_at;
};

/// Legacy user id -> our user id, for every user an earlier run imported.
common::awaitable<std::map<std::string, std::string>> imported_legacy_users(common::pg::pool& db);
/// Ids of the legacy keys an earlier run stored (or found already replaced by a newer key).
common::awaitable<std::set<std::string>> imported_legacy_keys(common::pg::pool& db);
/// In one transaction: the account (nullopt, and nothing written, when the email is taken case-insensitively)
/// and `audit` with the new account's id as its user. Returns the new id.
common::awaitable<std::optional<std::string>> insert_legacy_account(common::pg::pool& db, legacy_account account,
                                                                    domain::audit_entry audit);

}  // namespace auth::storage
