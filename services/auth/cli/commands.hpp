// Command-line subcommands of auth-service besides `serve`; each returns the process exit code.
#pragma once
#include <string>
#include <vector>

namespace auth::cli {

/// `auth-service migrate`: applies the auth migrations and prints what it did.
int migrate();
/// `auth-service rotate-keys`: rewraps every data key under the newest KEK, one row per statement
/// (safe to interrupt and rerun); prints `rewrapped N, already current M`. Exit 1 if a key is unreadable.
int rotate_keys();
/// `auth-service import-env-key EMAIL` (or `--email <e>`): stores OPENROUTER_API_KEY as that user's openrouter
/// key under envelope encryption, checked with the provider unless KEY_VALIDATION=off, audited (key_saved or
/// key_replaced, source import-env-key). Importing the key already stored changes nothing (exit 0).
/// Exit 1 when the user does not exist or the provider did not accept the key.
int import_env_key(const std::string& email);

/// `auth-service invite create [--uses N] [--expires-in 7d|12h|30m]`: prints a new invite code (default one use,
/// seven days). Bad arguments throw config_error.
int invite(const std::vector<std::string>& args);
/// `auth-service admin grant|revoke EMAIL`: makes the account an admin or not. Exit 1 when it does not exist.
int admin(const std::vector<std::string>& args);
/// `auth-service audit prune`: deletes audit events older than AUDIT_RETENTION_DAYS (default 400) and audits the
/// pruning (audit_pruned, with the number deleted) in the same transaction; prints the number deleted.
int audit(const std::vector<std::string>& args);
/// `auth-service reset-password EMAIL`: prints a single-use reset link (APP_URL) valid 30 minutes. Exit 1 when
/// the account does not exist.
int reset_password(const std::vector<std::string>& args);

}  // namespace auth::cli
