// Parses auth-service environment variables with common::config; each failure names its variable.
#include "auth/settings.hpp"
#include "common/core/io_threads.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include <boost/url/parse.hpp>
#include <algorithm>
#include <charconv>
#include <thread>

namespace auth {
namespace cfg = common::config;
namespace {

/// Contents of the PEM file named by `name`, checked to be an Ed25519 private key.
std::string read_signing_key(const char* name) {
  std::string pem = cfg::read_file_from(name);
  try {
    common::crypto::ed25519_private_key::from_pem(pem);
  } catch (const std::exception&) {
    throw cfg::config_error(std::string(name) + ": is not a PEM PKCS#8 Ed25519 private key");
  }
  return pem;
}

/// APP_URL without its trailing slashes; refuses anything but an absolute http(s) URL without query or fragment.
std::string read_app_url() {
  std::string url = cfg::get("APP_URL", account_settings{}.app_url);
  while (url.ends_with('/')) url.pop_back();
  auto parsed = boost::urls::parse_absolute_uri(url);
  bool web = parsed && (parsed->scheme_id() == boost::urls::scheme::http ||
                        parsed->scheme_id() == boost::urls::scheme::https);
  if (!web || parsed->encoded_host().empty() || parsed->has_query() || parsed->has_fragment())
    throw cfg::config_error("APP_URL: must be an http or https URL such as http://127.0.0.1:8080");
  return url;
}

}  // namespace

std::string_view wire_name(registration_mode mode) {
  switch (mode) {
    case registration_mode::open: return "open";
    case registration_mode::invite: return "invite";
    case registration_mode::closed: return "closed";
  }
  return "open";
}

account_settings load_account_settings() {
  account_settings a;
  std::string mode = cfg::get("REGISTRATION_MODE", "open");
  if (mode == "invite") a.registration = registration_mode::invite;
  else if (mode == "closed") a.registration = registration_mode::closed;
  else if (mode != "open") throw cfg::config_error("REGISTRATION_MODE: must be open, invite or closed");
  a.app_url = read_app_url();
  return a;
}

database_settings load_database_settings() { return cfg::get_database(COUNCIL_MIGRATIONS_DIR); }

kek_map load_keks() {
  kek_map keks;
  for (const std::string& item : cfg::get_list("KEY_ENCRYPTION_KEYS", {})) {
    auto colon = item.find(':');
    int version = 0;
    const char* end = item.data() + (colon == std::string::npos ? 0 : colon);
    auto [p, ec] = std::from_chars(item.data(), end, version);
    if (colon == std::string::npos || ec != std::errc{} || p != end || version <= 0)
      throw cfg::config_error("KEY_ENCRYPTION_KEYS: items must be <version>:<base64 of 32 bytes> with version >= 1");
    auto key = common::crypto::base64_decode(std::string_view(item).substr(colon + 1));
    if (!key || key->size() != 32)
      throw cfg::config_error("KEY_ENCRYPTION_KEYS: key version " + std::to_string(version) +
                              " is not the base64 of 32 bytes");
    if (!keks.emplace(version, std::move(*key)).second)
      throw cfg::config_error("KEY_ENCRYPTION_KEYS: key version " + std::to_string(version) + " appears twice");
  }
  if (keks.empty()) throw cfg::config_error("KEY_ENCRYPTION_KEYS: is required but not set");
  return keks;
}

key_check_settings load_key_check_settings() {
  key_check_settings k;
  k.enabled = cfg::get_bool("KEY_VALIDATION", true);
  k.upstream = cfg::get_upstream();
  return k;
}

int load_audit_retention_days() {
  return static_cast<int>(common::config::get_int("AUDIT_RETENTION_DAYS", 400, 1, 36500));
}

settings load_settings() {
  settings s;
  s.log_level = common::log::level_from_env();
  s.db = load_database_settings();
  s.shutdown_grace = std::chrono::seconds(cfg::get_int("SHUTDOWN_GRACE", 30, 0, 3600));
  s.trusted_proxies = common::parse_networks("TRUSTED_PROXIES", cfg::get_list("TRUSTED_PROXIES", {"127.0.0.1", "::1"}));
  s.listen = cfg::get_listen("AUTH_LISTEN", "127.0.0.1:8081");
  s.internal_listen = cfg::get_listen("AUTH_INTERNAL_LISTEN", "127.0.0.1:8443");
  s.internal_tls_cert = cfg::require("INTERNAL_TLS_CERT");
  s.internal_tls_key = cfg::require("INTERNAL_TLS_KEY");
  s.internal_ca = cfg::require("INTERNAL_CA");
  s.tls_reload_interval = cfg::get_duration("TLS_RELOAD_SECONDS", std::chrono::seconds(5));
  s.allowed_clients = cfg::get_list("INTERNAL_ALLOWED_CLIENTS", {"spiffe://council.local/council-service"});
  s.tokens.issuer = cfg::get("JWT_ISSUER", "council-auth");
  s.tokens.audience = cfg::get("JWT_AUDIENCE", "council");
  s.tokens.signing_key_pem = read_signing_key("JWT_SIGNING_KEY_FILE");
  if (cfg::find("JWT_PREVIOUS_KEY_FILE")) s.tokens.previous_key_pem = read_signing_key("JWT_PREVIOUS_KEY_FILE");
  s.tokens.access_ttl = cfg::get_int("ACCESS_TOKEN_TTL", 900, 10, 86400);
  s.tokens.session_lifetime = cfg::get_int("SESSION_LIFETIME", 604800, 60, 31536000);
  s.tokens.reuse_grace = cfg::get_int("REFRESH_REUSE_GRACE", 10, 0, 300);
  s.keks = load_keks();
  s.throttle.max_failures = static_cast<int>(cfg::get_int("LOGIN_MAX_FAILURES", 10, 1, 1000000));
  s.throttle.max_failures_per_ip = static_cast<int>(cfg::get_int("LOGIN_MAX_FAILURES_PER_IP", 100, 1, 1000000));
  s.throttle.window_seconds = static_cast<int>(cfg::get_int("LOGIN_WINDOW_SECONDS", 900, 1, 86400 * 7));
  s.throttle.register_max_per_ip = static_cast<int>(cfg::get_int("REGISTER_MAX_PER_IP", 20, 1, 1000000));
  s.throttle.max_failures_per_account =
      static_cast<int>(cfg::get_int("LOGIN_MAX_FAILURES_PER_ACCOUNT", s.throttle.max_failures, 1, 1000000));
  s.throttle.recheck_max_failures =
      static_cast<int>(cfg::get_int("PASSWORD_RECHECK_MAX_FAILURES", s.throttle.max_failures, 1, 1000000));
  s.audit_retention_days = load_audit_retention_days();
  s.accounts = load_account_settings();
  s.bcrypt_cost = static_cast<int>(cfg::get_int("BCRYPT_COST", 12, 10, 14));
  long long hw = std::max(1u, std::thread::hardware_concurrency());
  s.bcrypt_threads = static_cast<int>(cfg::get_int("BCRYPT_THREADS", hw, 1, 256));
  s.key_check = load_key_check_settings();
  s.io_threads = common::io_threads_from_env();
  return s;
}

}  // namespace auth
