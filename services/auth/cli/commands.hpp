// Command-line subcommands of auth-service besides `serve`; each returns the process exit code.
#pragma once
#include <string>

namespace auth::cli {

/// `auth-service migrate`: applies the auth migrations and prints what it did.
int migrate();
/// `auth-service rotate-keys`: rewraps every data key under the newest KEK, one row per statement
/// (safe to interrupt and rerun); prints `rewrapped N, already current M`. Exit 1 if a key is unreadable.
int rotate_keys();
/// `auth-service import-env-key --email <e>`: stores OPENROUTER_API_KEY as that user's openrouter key.
/// Exit 1 when the user does not exist.
int import_env_key(const std::string& email);

}  // namespace auth::cli
