// The accounts step of the legacy import: collisions first, then accounts, then keys, then one summary row.
#include "auth/domain/legacy_import.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/legacy_ledger.hpp"
#include "auth/storage/provider_keys.hpp"
#include "auth/storage/users.hpp"
#include "common/crypto/hash.hpp"
#include <set>

namespace auth::domain {
namespace {

// A hash no password matches (libxcrypt refuses it): the account must reset its password.
constexpr std::string_view unusable_hash = "!legacy-import:no-password";

client_info importer() { return client_info{"", "auth-service import-legacy"}; }

bool bcrypt_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
}

/// Lower-cased emails used by more than one legacy user.
std::set<std::string> colliding_emails(const std::vector<storage::legacy_user>& users) {
  std::map<std::string, int> seen;
  for (const auto& u : users) ++seen[canonical_email(u.email)];
  std::set<std::string> out;
  for (const auto& [email, n] : seen)
    if (n > 1) out.insert(email);
  return out;
}

struct account_step {
  key_services svc;
  const legacy_accounts_request& request;
  legacy_accounts_report& report;
};

common::awaitable<void> import_user(account_step step, const storage::legacy_user& user,
                                    const std::set<std::string>& collisions) {
  legacy_accounts_report& report = step.report;
  if (collisions.contains(canonical_email(user.email))) {
    ++report.users_skipped;
    report.notes.push_back("User " + user.id + " (" + user.email + ") shares its address with another legacy user "
                           "apart from letter case; neither was imported, nor their keys and conversations.");
    co_return;
  }
  if (auto problem = email_problem(user.email)) {
    ++report.users_skipped;
    report.notes.push_back("User " + user.id + " has an address this service does not accept (" + *problem +
                           "); it was not imported, nor its keys and conversations.");
    co_return;
  }
  bool keeps_password = user.password_hash && is_bcrypt_hash(*user.password_hash);
  if (!keeps_password) {
    ++report.users_without_password;
    report.notes.push_back("User " + user.email + " has no bcrypt password (" +
                           (user.password_hash ? "unknown hash format" : "signed in through Google/GitHub") +
                           "): imported without one, it must reset its password (auth-service reset-password).");
  }
  if (step.request.dry_run) {
    auto taken = co_await storage::find_user_by_email(step.svc.db, user.email);
    if (taken) {
      ++report.users_skipped;
      report.notes.push_back("An account with the address " + user.email + " already exists here; legacy user " +
                             user.id + " would not be imported, nor its keys and conversations.");
      co_return;
    }
    ++report.users_imported;
    report.user_ids.emplace(user.id, std::nullopt);
    co_return;
  }
  boost::json::object details;
  details["legacy_user_id"] = user.id;
  details["password"] = keeps_password ? "kept" : "reset_required";
  storage::legacy_account account{user.email, keeps_password ? *user.password_hash : std::string(unusable_hash),
                                  user.created_at, user.updated_at};
  audit_entry audit = event(std::nullopt, audit_action::legacy_import, true, importer(), std::move(details));
  auto created = co_await storage::insert_legacy_account(step.svc.db, std::move(account), std::move(audit));
  if (!created) {
    ++report.users_skipped;
    report.notes.push_back("An account with the address " + user.email + " already exists here; legacy user " +
                           user.id + " was not imported, nor its keys and conversations.");
    co_return;
  }
  ++report.users_imported;
  report.user_ids.emplace(user.id, *created);
}

/// A legacy key decrypted, or why it cannot be imported.
struct opened_legacy_key {
  std::optional<std::string> api_key;
  std::string problem;
};

opened_legacy_key open_key(const legacy_accounts_request& request, const storage::legacy_key& key) {
  if (!known_provider(key.provider)) return {std::nullopt, "provider " + key.provider + " is not supported"};
  auto opened = common::crypto::fernet_decrypt(*request.fernet, key.encrypted_key);
  if (!opened)
    return {std::nullopt, "the given Fernet key cannot decrypt it (" + std::string(describe(opened.error())) + ")"};
  std::string api_key = trim(*opened);
  common::crypto::wipe(*opened);
  if (auto problem = api_key_problem(api_key)) {
    common::crypto::wipe(api_key);
    return {std::nullopt, "the decrypted key is not valid (" + *problem + ")"};
  }
  return {std::move(api_key), ""};
}

common::awaitable<void> skip_key(account_step step, const storage::legacy_key& key, const std::string& user_id,
                                 const std::string& why) {
  ++step.report.keys_skipped;
  step.report.notes.push_back("Key " + key.id + " (" + key.provider + ", " + key.key_hint.value_or("no hint") +
                              ") of legacy user " + key.user_id + " was skipped: " + why + ".");
  if (step.request.dry_run || user_id.empty()) co_return;
  boost::json::object details;
  details["legacy_key_id"] = key.id;
  details["provider"] = key.provider;
  details["reason"] = why;
  audit_entry e = event(user_id, audit_action::legacy_import, false, importer(), std::move(details));
  co_await record(step.svc.db, std::move(e));
}

common::awaitable<void> import_key(account_step step, const storage::legacy_key& key, const std::string& user_id) {
  opened_legacy_key opened = open_key(step.request, key);
  if (!opened.api_key) {
    co_await skip_key(step, key, user_id, opened.problem);
    co_return;
  }
  std::string api_key = std::move(*opened.api_key);
  std::string hint = key_hint(api_key);
  if (step.request.dry_run) {
    common::crypto::wipe(api_key);
    ++step.report.keys_imported;
    co_return;
  }
  envelope env = step.svc.vault.seal(user_id, key.provider, api_key, std::nullopt);
  common::crypto::wipe(api_key);
  common::pg::transaction tx = co_await step.svc.db.begin();
  auto stored = co_await storage::insert_key(tx, user_id, key.provider, std::move(env), hint);
  boost::json::object details;
  details["legacy_key_id"] = key.id;
  details["provider"] = key.provider;
  details["source"] = "legacy-import";
  details["key_hint"] = hint;
  if (stored) {
    ++step.report.keys_imported;
  } else {
    ++step.report.keys_already;
    details["kept"] = "the key the user stored here since";
    step.report.notes.push_back("User " + user_id + " already stores a " + key.provider +
                                " key here; it was kept and legacy key " + key.id + " was not imported.");
  }
  audit_entry e = event(user_id, stored ? audit_action::key_saved : audit_action::legacy_import, true, importer(),
                        std::move(details));
  co_await record(tx, std::move(e));
  co_await tx.commit();
}

common::awaitable<void> record_summary(key_services svc, const legacy_accounts_report& report) {
  boost::json::object details;
  details["step"] = "accounts";
  details["users_imported"] = report.users_imported;
  details["users_already"] = report.users_already;
  details["users_skipped"] = report.users_skipped;
  details["users_without_password"] = report.users_without_password;
  details["keys_imported"] = report.keys_imported;
  details["keys_already"] = report.keys_already;
  details["keys_skipped"] = report.keys_skipped;
  audit_entry e = event(std::nullopt, audit_action::legacy_import, true, importer(), std::move(details));
  co_await record(svc.db, std::move(e));
}

}  // namespace

bool is_bcrypt_hash(std::string_view hash) {
  if (hash.size() != 60 || !hash.starts_with("$2") || hash[3] != '$' || hash[6] != '$') return false;
  if (hash[2] != 'a' && hash[2] != 'b' && hash[2] != 'y') return false;
  if (hash[4] < '0' || hash[4] > '9' || hash[5] < '0' || hash[5] > '9') return false;
  for (char c : hash.substr(7))
    if (!bcrypt_char(c)) return false;
  return true;
}

common::awaitable<legacy_accounts_report> import_legacy_accounts(key_services svc, legacy_accounts_request request) {
  legacy_accounts_report report;
  account_step step{svc, request, report};
  auto imported_users = co_await storage::imported_legacy_users(svc.db);
  auto imported_keys = co_await storage::imported_legacy_keys(svc.db);
  std::set<std::string> collisions = colliding_emails(request.users);
  for (const storage::legacy_user& user : request.users) {
    auto earlier = imported_users.find(user.id);
    if (earlier != imported_users.end()) {
      ++report.users_already;
      report.user_ids.emplace(user.id, earlier->second);
      continue;
    }
    co_await import_user(step, user, collisions);
  }
  for (const storage::legacy_key& key : request.keys) {
    if (imported_keys.contains(key.id)) {
      ++report.keys_already;
      continue;
    }
    auto owner = report.user_ids.find(key.user_id);
    if (owner == report.user_ids.end()) {
      std::string nobody;
      std::string why = "its user was not imported";
      co_await skip_key(step, key, nobody, why);
      continue;
    }
    std::string user_id = owner->second.value_or("");
    co_await import_key(step, key, user_id);
  }
  if (!request.dry_run) co_await record_summary(svc, report);
  co_return report;
}

}  // namespace auth::domain
