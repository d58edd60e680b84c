// Carrying accounts and stored keys over from the Python app (docs/legacy-import.md): bcrypt hashes kept,
// Fernet-encrypted keys re-sealed under the key vault, every step audited; idempotent through the audit log.
#pragma once
#include "auth/domain/services.hpp"
#include "auth/storage/legacy_source.hpp"
#include "common/crypto/fernet.hpp"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace auth::domain {

/// The legacy rows to import and how.
struct legacy_accounts_request {
  std::vector<storage::legacy_user> users;
  std::vector<storage::legacy_key> keys;
  std::optional<common::crypto::fernet_key> fernet;  // required when `keys` is not empty
  bool dry_run = false;                              // report only; nothing is written
};

/// What the import did (or, in a dry run, would do).
struct legacy_accounts_report {
  std::map<std::string, std::optional<std::string>> user_ids;  // legacy id -> our id (nullopt: created in a real run)
  long long users_imported = 0;
  long long users_already = 0;           // imported by an earlier run
  long long users_skipped = 0;           // email collisions and invalid emails
  long long users_without_password = 0;  // imported with an unusable hash: they must reset their password
  long long keys_imported = 0;
  long long keys_already = 0;
  long long keys_skipped = 0;            // undecryptable, invalid, unknown provider, or their user was skipped
  std::vector<std::string> notes;        // one sentence per skipped or special item
};

/// True for a bcrypt hash libxcrypt verifies: `$2a$`, `$2b$` or `$2y$`, two cost digits, 53 characters.
bool is_bcrypt_hash(std::string_view hash);
/// Imports the users not imported before (keeping their hash; accounts without a usable bcrypt hash get an
/// unusable one and must reset their password), then their keys (decrypted with the Fernet key, sealed by the
/// vault; a key that cannot be decrypted is reported, audited as a failure and skipped). Users whose email
/// differs from another legacy user's only by letter case, or is taken here already, are reported and skipped.
common::awaitable<legacy_accounts_report> import_legacy_accounts(key_services svc, legacy_accounts_request request);

}  // namespace auth::domain
