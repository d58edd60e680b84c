// Command-line subcommands of auth-service besides `serve`; each returns the process exit code.
#pragma once
#include <string>

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

}  // namespace auth::cli
