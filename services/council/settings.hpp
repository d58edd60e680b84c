// council-service configuration, read once from the environment at startup.
#pragma once
#include "common/core/config.hpp"
#include "common/core/log.hpp"
#include "council/values/model_catalog.hpp"
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace council {

/// Database settings, all that `migrate` and `claim-legacy` need.
using database_settings = common::config::database_settings;

/// Everything `serve` needs.
struct settings {
  database_settings db;
  common::log::level log_level = common::log::level::info;
  std::string jwt_issuer;
  std::string jwt_audience;
  std::chrono::milliseconds shutdown_grace{30000};
  common::config::listen_address listen;
  std::string jwks_url;
  std::chrono::milliseconds jwks_refresh{60000};  // JWKS_REFRESH_SECONDS: periodic refetch of the JWKS
  std::chrono::milliseconds revocation_poll_interval{500};  // REVOCATION_POLL_INTERVAL: reads of the revocation feed
  std::chrono::milliseconds revocation_max_staleness{5000};  // REVOCATION_MAX_STALENESS: then tokens get 503
  std::string auth_internal_url;
  std::string revocations_url;  // AUTH_REVOCATIONS_URL: the internal listener the revocation feed is read from
  std::string internal_ca;
  std::string client_cert;
  std::string client_key;
  std::chrono::milliseconds tls_reload_interval{5000};  // TLS_RELOAD_SECONDS: how often the mTLS clients look for new TLS files
  std::string openrouter_base_url;
  std::string upstream_ca_file;
  bool upstream_allow_private = false;
  std::chrono::milliseconds upstream_timeout{120000};
  int upstream_max_tries = 3;
  std::size_t upstream_max_answer_bytes = 524288;  // UPSTREAM_MAX_ANSWER_BYTES: longer answers are cut
  std::chrono::milliseconds run_timeout{600000};
  values::model_catalog models;
  std::size_t history_chars = 24000;
  int max_runs_per_user = 2;
  std::size_t max_active_runs = 16;  // COUNCIL_MAX_ACTIVE_RUNS: runs executing at once in this process
  std::size_t io_threads = 1;  // IO_THREADS (default: hardware threads); DB_POOL_SIZE is shared among them
  std::size_t max_content_chars = 32000;
  std::chrono::milliseconds heartbeat{15000};
  std::string openrouter_referer;
  std::string openrouter_title;
};

/// Reads the database variables; throws config_error naming the first bad variable.
database_settings load_database_settings();
/// Seconds after which a "running" run row was left by a process that died (run time limit + 60 s): such rows
/// count for nobody's run limit and the start-up sweep marks them failed.
long long stale_run_seconds(const settings& s);

/// Reads COUNCIL_MODELS, COUNCIL_DEFAULT_MODELS, COUNCIL_LEAD_MODEL and COUNCIL_TITLE_MODEL; throws config_error.
values::model_catalog load_models();
/// Reads every variable of `serve`; throws config_error naming the first bad variable.
settings load_settings();

}  // namespace council
