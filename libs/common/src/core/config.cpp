// Environment-variable configuration with one-line errors naming the variable.
#include "common/core/config.hpp"
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace common::config {
namespace {
std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}
[[noreturn]] void fail(const char* name, const std::string& why) { throw config_error(std::string(name) + ": " + why); }
std::optional<long long> parse_ll(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::string> find(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

std::string require(const char* name) {
  auto v = find(name);
  if (!v) fail(name, "is required but not set");
  return *v;
}

std::string get(const char* name, std::string fallback) { return find(name).value_or(std::move(fallback)); }

long long get_int(const char* name, long long fallback, long long min, long long max) {
  auto v = find(name);
  if (!v) return fallback;
  auto n = parse_ll(trim(*v));
  if (!n) fail(name, "must be an integer, got '" + *v + "'");
  if (*n < min || *n > max) fail(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return *n;
}

std::chrono::milliseconds get_duration(const char* name, std::chrono::milliseconds fallback) {
  auto v = find(name);
  if (!v) return fallback;
  std::string text = trim(*v);
  long long scale = 1000;
  if (text.ends_with("ms")) {
    scale = 1;
    text.resize(text.size() - 2);
  } else if (text.ends_with("s")) {
    text.resize(text.size() - 1);
  }
  auto n = parse_ll(text);
  if (!n || *n < 0) fail(name, "must be a non-negative number of seconds (e.g. 30, 30s or 500ms)");
  return std::chrono::milliseconds(*n * scale);
}

bool get_bool(const char* name, bool fallback) {
  auto v = find(name);
  if (!v) return fallback;
  std::string t = trim(*v);
  for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "1" || t == "true" || t == "yes" || t == "on") return true;
  if (t == "0" || t == "false" || t == "no" || t == "off") return false;
  fail(name, "must be a boolean (1/0, true/false)");
}

std::vector<std::string> get_list(const char* name, std::vector<std::string> fallback) {
  auto v = find(name);
  if (!v) return fallback;
  std::vector<std::string> out;
  std::string_view rest = *v;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = trim(rest.substr(0, comma));
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

listen_address get_listen(const char* name, const std::string& fallback) {
  std::string text = get(name, fallback);
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) fail(name, "must be host:port, got '" + text + "'");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = parse_ll(std::string_view(text).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) fail(name, "has an invalid port in '" + text + "'");
  return {host, static_cast<unsigned short>(*port)};
}

database_settings get_database(const std::string& default_migrations_dir) {
  database_settings db;
  db.url = require("DATABASE_URL");
  db.pool_size = static_cast<std::size_t>(get_int("DB_POOL_SIZE", 10, 1, 1000));
  db.migrations_dir = get("MIGRATIONS_DIR", default_migrations_dir);
  db.migrate_on_start = get_bool("MIGRATE_ON_START", true);
  return db;
}

std::string read_file_from(const char* name) {
  std::string path = require(name);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(name, "cannot read file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string get_base_url(const char* name, std::string fallback) {
  auto url = get(name, std::move(fallback));
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) fail(name, "must be an http:// or https:// URL");
  return url;
}

upstream_settings get_upstream() {
  upstream_settings s;
  s.base_url = get_base_url("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1");
  s.ca_file = get("UPSTREAM_CA_FILE", "");
  s.allow_private = get_bool("UPSTREAM_ALLOW_PRIVATE", false);
  return s;
}

}  // namespace common::config
