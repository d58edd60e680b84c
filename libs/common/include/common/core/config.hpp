// Configuration from environment variables; every failure names the variable in one line.
#pragma once
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace common::config {

/// Thrown when a variable is missing or invalid; what() is one line that names it.
struct config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Value of `name`, or nullopt when unset or empty.
std::optional<std::string> find(const char* name);
/// Value of `name`; throws config_error when unset or empty.
std::string require(const char* name);
/// Value of `name` or `fallback` when unset.
std::string get(const char* name, std::string fallback);
/// Integer in [min, max] or `fallback` when unset; throws config_error when invalid.
long long get_int(const char* name, long long fallback, long long min, long long max);
/// Whole seconds (plain number, optional `s`/`ms` suffix) or `fallback` when unset.
std::chrono::milliseconds get_duration(const char* name, std::chrono::milliseconds fallback);
/// Boolean (`1/true/yes/on`, `0/false/no/off`) or `fallback` when unset.
bool get_bool(const char* name, bool fallback);
/// Comma-separated list, items trimmed, empty items dropped; `fallback` when unset.
std::vector<std::string> get_list(const char* name, std::vector<std::string> fallback);
/// Listen address `host:port`, e.g. `127.0.0.1:8081`; throws config_error when invalid.
struct listen_address {
  std::string host;
  unsigned short port = 0;
};
listen_address get_listen(const char* name, const std::string& fallback);
/// A service's database settings: DATABASE_URL, DB_POOL_SIZE (1..1000, default 10),
/// MIGRATIONS_DIR (parent of auth/ and council/, default `default_migrations_dir`), MIGRATE_ON_START (default on).
struct database_settings {
  std::string url;
  std::size_t pool_size = 10;
  std::string migrations_dir;
  bool migrate_on_start = true;
};
database_settings get_database(const std::string& default_migrations_dir);
/// Whole contents of the file named by `name`; throws config_error naming the variable.
std::string read_file_from(const char* name);
/// An http:// or https:// URL without trailing slashes, or `fallback` when unset; throws config_error otherwise.
std::string get_base_url(const char* name, std::string fallback);

/// How both services reach the OpenAI-compatible upstream (the council for runs, auth for key checks).
struct upstream_settings {
  std::string base_url;        // OPENROUTER_BASE_URL, default https://openrouter.ai/api/v1
  std::string ca_file;         // UPSTREAM_CA_FILE: extra CA file, empty for the system CAs
  bool allow_private = false;  // UPSTREAM_ALLOW_PRIVATE: custom endpoints may be internal addresses
};
/// Reads the upstream_settings variables; throws config_error naming the first bad one.
upstream_settings get_upstream();

}  // namespace common::config
