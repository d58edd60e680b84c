// auth-service configuration, read once from the environment at startup (every variable is listed in deploy/README.md).
#pragma once
#include "common/core/config.hpp"
#include "common/core/ip_network.hpp"
#include "common/core/log.hpp"
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth {

/// Database settings: all that `migrate` needs.
using database_settings = common::config::database_settings;

/// Key-encryption keys by version (KEY_ENCRYPTION_KEYS); the highest version encrypts.
using kek_map = std::map<int, std::string>;

/// Throttling knobs.
struct throttle_settings {
  int max_failures = 10;              // LOGIN_MAX_FAILURES: per account and client (address, or device cookie)
  int max_failures_per_ip = 100;      // LOGIN_MAX_FAILURES_PER_IP (IPv6 per /64)
  int window_seconds = 900;           // LOGIN_WINDOW_SECONDS
  int register_max_per_ip = 20;       // REGISTER_MAX_PER_IP (per hour)
  int max_failures_per_account = 0;   // LOGIN_MAX_FAILURES_PER_ACCOUNT: ceiling for unknown clients; 0: max_failures
  int recheck_max_failures = 0;       // PASSWORD_RECHECK_MAX_FAILURES per session; 0: max_failures

  /// The account's ceiling across all addresses, for clients that never signed in to it.
  int account_ceiling() const { return max_failures_per_account > 0 ? max_failures_per_account : max_failures; }
  /// Wrong passwords one session may give to password re-checks within the window.
  int recheck_limit() const { return recheck_max_failures > 0 ? recheck_max_failures : max_failures; }
};

/// Token lifetimes and identities.
struct token_settings {
  std::string issuer;                           // JWT_ISSUER
  std::string audience;                         // JWT_AUDIENCE
  std::string signing_key_pem;                  // contents of JWT_SIGNING_KEY_FILE
  std::optional<std::string> previous_key_pem;  // contents of JWT_PREVIOUS_KEY_FILE
  long long access_ttl = 900;                   // ACCESS_TOKEN_TTL seconds
  long long session_lifetime = 604800;          // SESSION_LIFETIME seconds
  long long reuse_grace = 10;                   // REFRESH_REUSE_GRACE seconds
};

/// Who may create an account (REGISTRATION_MODE).
enum class registration_mode { open, invite, closed };

/// Registration and account-recovery settings.
struct account_settings {
  registration_mode registration = registration_mode::open;  // REGISTRATION_MODE
  std::string app_url = "http://127.0.0.1:8080";              // APP_URL: the browser app reset links open
};

/// The check of provider keys at their provider (also used by `import-env-key`).
struct key_check_settings {
  bool enabled = true;                         // KEY_VALIDATION (on/off)
  common::config::upstream_settings upstream;  // OPENROUTER_BASE_URL, UPSTREAM_CA_FILE, UPSTREAM_ALLOW_PRIVATE
};

/// Everything `serve` needs.
struct settings {
  database_settings db;
  common::log::level log_level = common::log::level::info;
  std::chrono::milliseconds shutdown_grace{30000};
  std::vector<common::ip_network> trusted_proxies;  // TRUSTED_PROXIES (addresses or CIDR networks)
  common::config::listen_address listen;        // AUTH_LISTEN
  common::config::listen_address internal_listen;  // AUTH_INTERNAL_LISTEN
  std::string internal_tls_cert;                // INTERNAL_TLS_CERT
  std::string internal_tls_key;                 // INTERNAL_TLS_KEY
  std::string internal_ca;                      // INTERNAL_CA
  std::chrono::milliseconds tls_reload_interval{5000};  // TLS_RELOAD_SECONDS: how often the internal listener looks for new TLS files
  std::vector<std::string> allowed_clients;     // INTERNAL_ALLOWED_CLIENTS
  token_settings tokens;
  kek_map keks;
  throttle_settings throttle;
  account_settings accounts;
  int audit_retention_days = 400;  // AUDIT_RETENTION_DAYS (used by `audit prune`)
  int bcrypt_cost = 12;      // BCRYPT_COST (10..14)
  int bcrypt_threads = 1;    // BCRYPT_THREADS (default: hardware threads)
  key_check_settings key_check;
  std::size_t io_threads = 1;  // IO_THREADS (default: hardware threads); DB_POOL_SIZE is shared among them
};

/// Reads the database variables; throws config_error naming the first bad variable.
database_settings load_database_settings();
/// Reads KEY_ENCRYPTION_KEYS; throws config_error when missing or not `version:base64(32 bytes)` items.
kek_map load_keks();
/// Reads REGISTRATION_MODE (open, invite or closed) and APP_URL (an http or https URL, trailing `/` dropped);
/// throws config_error naming the first bad variable.
account_settings load_account_settings();
/// The REGISTRATION_MODE word of `mode` ("open", "invite", "closed").
std::string_view wire_name(registration_mode mode);
/// Reads KEY_VALIDATION and the upstream variables; throws config_error naming the first bad one.
key_check_settings load_key_check_settings();
/// Reads AUDIT_RETENTION_DAYS (1..36500, default 400); throws config_error when invalid.
int load_audit_retention_days();
/// Reads every variable of `serve`; throws config_error naming the first bad variable.
settings load_settings();

}  // namespace auth
