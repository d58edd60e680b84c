// migrate, rotate-keys and import-env-key: one-shot runs on their own io_context and pool.
#include "auth/cli/commands.hpp"
#include "common/core/run_blocking.hpp"
#include "auth/app.hpp"
#include "common/core/config.hpp"
#include "common/crypto/hash.hpp"
#include "auth/domain/key_checks.hpp"
#include "auth/domain/key_vault.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/provider_keys.hpp"
#include "auth/storage/users.hpp"
#include <iostream>
#include <optional>

namespace auth::cli {
namespace {

constexpr int rewrap_batch = 100;

struct rotation_counts {
  long long rewrapped = 0;
  long long already_current = 0;
  long long unreadable = 0;
};

common::awaitable<rotation_counts> rewrap_all(common::pg::pool& db, const domain::key_vault& vault) {
  rotation_counts counts;
  int newest = vault.newest_version();
  counts.already_current = co_await storage::count_keys_at_version(db, newest);
  std::string after;
  while (true) {
    auto batch = co_await storage::keys_to_rewrap(db, newest, after, rewrap_batch);
    if (batch.empty()) break;
    for (domain::key_record& key : batch) {
      after = key.id;
      auto rewrapped = vault.rewrap(key.user_id, key.provider, key.env);
      if (!rewrapped) {
        std::cerr << "auth-service: key " << key.id << " (KEK version " << key.env.kek_version
                  << ") cannot be unwrapped with the configured keys\n";
        ++counts.unreadable;
        continue;
      }
      bool stored = co_await storage::store_rewrapped(db, key.id, key.env.kek_version, std::move(*rewrapped));
      if (stored) ++counts.rewrapped;
    }
  }
  co_return counts;
}

/// True when the user's stored openrouter key is `api_key` already (then importing it again changes nothing).
common::awaitable<bool> already_stored(domain::key_services keys, std::string user_id, std::string api_key) {
  std::string provider(domain::openrouter_provider);
  auto existing = co_await storage::find_key(keys.db, user_id, provider);
  if (!existing) co_return false;
  auto opened = keys.vault.open(user_id, provider, existing->env);
  bool same = opened && opened->api_key == api_key;
  if (opened) common::crypto::wipe(opened->api_key);
  common::crypto::wipe(api_key);
  co_return same;
}

common::awaitable<int> import_key(domain::key_check_services checks, std::string email, std::string api_key) {
  auto user = co_await storage::find_user_by_email(checks.keys.db, email);
  if (!user) {
    std::cerr << "auth-service: no user with email " << email << "\n";
    co_return 1;
  }
  std::string hint = domain::key_hint(api_key);
  bool unchanged = co_await already_stored(checks.keys, user->id, api_key);
  if (unchanged) {
    std::cout << "openrouter key " << hint << " is already stored for " << user->email << "; nothing changed\n";
    co_return 0;
  }
  std::string provider(domain::openrouter_provider);
  std::string source = "import-env-key";
  domain::client_info cli_client;
  cli_client.user_agent = "auth-service import-env-key";
  auto saved = co_await domain::save_checked_key(checks, user->id, std::move(provider), std::move(api_key), true,
                                                 std::move(source), std::move(cli_client));
  if (!saved) {
    std::cerr << "auth-service: " << saved.error().detail << " (KEY_VALIDATION=off stores it unchecked)\n";
    co_return 1;
  }
  std::cout << "stored openrouter key " << saved->key_hint << " for " << user->email
            << (saved->validated_at ? " (checked with the provider)" : " (not checked)") << "\n";
  co_return 0;
}

}  // namespace

int migrate() {
  database_settings db_settings = load_database_settings();
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  auto report = common::run_blocking(io, apply_migrations(db, db_settings.migrations_dir));
  std::cout << "applied " << report.applied << " migration(s), " << report.present << " already present\n";
  return 0;
}

int rotate_keys() {
  database_settings db_settings = load_database_settings();
  domain::key_vault vault(load_keks());
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  rotation_counts counts = common::run_blocking(io, rewrap_all(db, vault));
  std::cout << "rewrapped " << counts.rewrapped << ", already current " << counts.already_current;
  if (counts.unreadable > 0) std::cout << ", unreadable " << counts.unreadable;
  std::cout << "\n";
  return counts.unreadable > 0 ? 1 : 0;
}

int import_env_key(const std::string& email) {
  std::string trimmed_email = domain::trim(email);
  if (auto problem = domain::email_problem(trimmed_email)) throw common::config::config_error("--email: " + *problem);
  auto raw_key = common::config::find("OPENROUTER_API_KEY");
  if (!raw_key) throw common::config::config_error("OPENROUTER_API_KEY: is required but not set");
  std::string api_key = domain::trim(*raw_key);
  if (auto problem = domain::api_key_problem(api_key))
    throw common::config::config_error("OPENROUTER_API_KEY: " + problem->substr(problem->find(':') + 2));
  database_settings db_settings = load_database_settings();
  domain::key_vault vault(load_keks());
  key_check_settings check_settings = load_key_check_settings();
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  std::optional<clients::key_checker> checker;
  if (check_settings.enabled) checker.emplace(io.get_executor(), check_settings.upstream);
  domain::key_check_services checks{domain::key_services{db, vault}, checker ? &*checker : nullptr};
  return common::run_blocking(io, import_key(checks, trimmed_email, std::move(api_key)));
}

}  // namespace auth::cli
