// Environment parsing for council-service: the defaults listed in deploy/README.md, fail fast naming the variable.
#include "council/settings.hpp"
#include "common/core/io_threads.hpp"
#include <algorithm>

namespace council {
namespace cfg = common::config;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::chrono::milliseconds positive_duration(const char* name, std::chrono::milliseconds fallback) {
  auto d = cfg::get_duration(name, fallback);
  if (d.count() <= 0) throw cfg::config_error(std::string(name) + ": must be greater than zero");
  return d;
}

}  // namespace

values::model_catalog load_models() {
  values::model_catalog m;
  m.models = cfg::get_list("COUNCIL_MODELS", {"openai/gpt-5.1", "google/gemini-3-pro-preview",
                                               "anthropic/claude-sonnet-4.5", "x-ai/grok-4"});
  if (m.models.size() < 2) throw cfg::config_error("COUNCIL_MODELS: must list at least two models");
  if (m.models.size() > 26) throw cfg::config_error("COUNCIL_MODELS: at most 26 models (labels A to Z)");
  m.default_models = cfg::get_list("COUNCIL_DEFAULT_MODELS", m.models);
  if (m.default_models.size() < 2) throw cfg::config_error("COUNCIL_DEFAULT_MODELS: must list at least two models");
  for (const auto& model : m.default_models)
    if (!contains(m.models, model)) throw cfg::config_error("COUNCIL_DEFAULT_MODELS: " + model + " is not in COUNCIL_MODELS");
  std::string lead_fallback = contains(m.models, "google/gemini-3-pro-preview") ? "google/gemini-3-pro-preview" : m.models.front();
  m.lead_model = cfg::get("COUNCIL_LEAD_MODEL", lead_fallback);
  if (!contains(m.models, m.lead_model)) throw cfg::config_error("COUNCIL_LEAD_MODEL: " + m.lead_model + " is not in COUNCIL_MODELS");
  m.title_model = cfg::get("COUNCIL_TITLE_MODEL", "google/gemini-2.5-flash");
  return m;
}

database_settings load_database_settings() { return cfg::get_database(COUNCIL_MIGRATIONS_DIR); }

settings load_settings() {
  settings s;
  s.log_level = common::log::level_from_env();
  s.db = load_database_settings();
  s.jwt_issuer = cfg::get("JWT_ISSUER", "council-auth");
  s.jwt_audience = cfg::get("JWT_AUDIENCE", "council");
  s.shutdown_grace = cfg::get_duration("SHUTDOWN_GRACE", seconds(30));
  s.listen = cfg::get_listen("COUNCIL_LISTEN", "127.0.0.1:8082");
  s.jwks_url = cfg::get_base_url("AUTH_JWKS_URL", "http://127.0.0.1:8081/.well-known/jwks.json");
  s.jwks_refresh = positive_duration("JWKS_REFRESH_SECONDS", seconds(60));
  s.revocation_poll_interval = positive_duration("REVOCATION_POLL_INTERVAL", milliseconds(500));
  s.revocation_max_staleness = positive_duration("REVOCATION_MAX_STALENESS", seconds(5));
  if (s.revocation_max_staleness <= s.revocation_poll_interval)
    throw cfg::config_error("REVOCATION_MAX_STALENESS: must be longer than REVOCATION_POLL_INTERVAL");
  s.auth_internal_url = cfg::get_base_url("AUTH_INTERNAL_URL", "https://127.0.0.1:8443");
  if (s.auth_internal_url.rfind("https://", 0) != 0)
    throw cfg::config_error("AUTH_INTERNAL_URL: must be an https:// URL (mutual TLS)");
  s.revocations_url = cfg::get_base_url("AUTH_REVOCATIONS_URL", s.auth_internal_url);
  if (s.revocations_url.rfind("https://", 0) != 0)
    throw cfg::config_error("AUTH_REVOCATIONS_URL: must be an https:// URL (mutual TLS)");
  s.internal_ca = cfg::require("INTERNAL_CA");
  s.client_cert = cfg::require("COUNCIL_CLIENT_CERT");
  s.client_key = cfg::require("COUNCIL_CLIENT_KEY");
  s.tls_reload_interval = cfg::get_duration("TLS_RELOAD_SECONDS", seconds(5));
  cfg::upstream_settings upstream = cfg::get_upstream();
  s.openrouter_base_url = std::move(upstream.base_url);
  s.upstream_ca_file = std::move(upstream.ca_file);
  s.upstream_allow_private = upstream.allow_private;
  s.upstream_timeout = positive_duration("UPSTREAM_TIMEOUT", seconds(120));
  s.upstream_max_tries = static_cast<int>(cfg::get_int("UPSTREAM_MAX_TRIES", 3, 1, 10));
  s.upstream_max_answer_bytes =
      static_cast<std::size_t>(cfg::get_int("UPSTREAM_MAX_ANSWER_BYTES", 524288, 1024, 16 * 1024 * 1024));
  s.run_timeout = positive_duration("COUNCIL_RUN_TIMEOUT", seconds(600));
  s.models = load_models();
  s.history_chars = static_cast<std::size_t>(cfg::get_int("COUNCIL_HISTORY_CHARS", 24000, 0, 10'000'000));
  s.max_runs_per_user = static_cast<int>(cfg::get_int("COUNCIL_MAX_RUNS_PER_USER", 2, 1, 1000));
  s.max_active_runs = static_cast<std::size_t>(cfg::get_int("COUNCIL_MAX_ACTIVE_RUNS", 16, 1, 10000));
  s.io_threads = common::io_threads_from_env();
  s.max_content_chars = static_cast<std::size_t>(cfg::get_int("COUNCIL_MAX_CONTENT_CHARS", 32000, 1, 1'000'000));
  s.heartbeat = positive_duration("SSE_HEARTBEAT_SECONDS", seconds(15));
  s.openrouter_referer = cfg::get("OPENROUTER_REFERER", "http://localhost:8080");
  s.openrouter_title = cfg::get("OPENROUTER_TITLE", "LLM Council");
  return s;
}

long long stale_run_seconds(const settings& s) {
  return std::chrono::duration_cast<std::chrono::seconds>(s.run_timeout).count() + 60;
}

}  // namespace council
