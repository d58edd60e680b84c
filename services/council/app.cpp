// Wires settings into the pool, stores, clients, verifier and the HTTP server, and runs the io_context.
#include "council/app.hpp"
#include "council/clients/account_client.hpp"
#include "council/clients/jwks_client.hpp"
#include "council/clients/key_client.hpp"
#include "council/clients/openrouter_client.hpp"
#include "common/core/log.hpp"
#include "common/core/run_blocking.hpp"
#include "common/http/server.hpp"
#include "common/pg/migrations.hpp"
#include "common/pg/pool.hpp"
#include "common/pg/pool_metrics.hpp"
#include "council/run/run_metrics.hpp"
#include "council/run/run_limiter.hpp"
#include "council/access/token_verifier.hpp"
#include "council/domain/services.hpp"
#include "council/http/context.hpp"
#include "council/http/routes.hpp"
#include "council/storage/conversation_store.hpp"
#include "council/storage/run_store.hpp"
#include <boost/asio/detached.hpp>

namespace council {
namespace {

constexpr std::size_t verified_token_cache_size = 10000;

common::pg::pool_options pool_options_of(const database_settings& db) {
  common::pg::pool_options o;
  o.conninfo = db.url;
  o.max_size = db.pool_size;
  return o;
}

common::awaitable<void> apply_migrations(common::pg::pool& pool, std::string directory) {
  auto report = co_await common::pg::migrate(pool, "council", directory);
  common::log::info("migrations done", {{"schema", "council"}, {"applied", report.applied}, {"present", report.present}});
}

common::awaitable<void> sweep_stale_runs(storage::run_store& runs, long long older_than_seconds) {
  try {
    long long n = co_await runs.fail_stale(older_than_seconds);
    if (n > 0) common::log::warn("marked interrupted runs as failed", {{"runs", n}});
  } catch (const std::exception& e) {
    common::log::warn("stale run sweep failed", {{"error", e.what()}});
  }
}

}  // namespace

int migrate(const database_settings& db) {
  common::asio::io_context io(1);
  common::pg::pool pool(io.get_executor(), pool_options_of(db));
  common::run_blocking(io, apply_migrations(pool, db.migrations_dir + "/council"));
  return 0;
}

int serve(const settings& s) {
  common::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(s.db));
  if (s.db.migrate_on_start) common::run_blocking(io, apply_migrations(db, s.db.migrations_dir + "/council"));

  storage::conversation_store conversations(db);
  storage::run_store runs(db);
  clients::jwks_client jwks(io.get_executor(), s.jwks_url, s.internal_ca);
  access::token_verifier tokens([&jwks]() { return jwks.fetch(); }, s.jwt_issuer, s.jwt_audience, verified_token_cache_size);
  clients::key_client_options internal{s.auth_internal_url, s.internal_ca, s.client_cert, s.client_key};
  clients::key_client keys(io.get_executor(), internal);
  clients::account_client accounts(io.get_executor(), internal);
  clients::upstream_options upstream_options{s.upstream_ca_file, s.openrouter_referer, s.openrouter_title, s.upstream_timeout,
                                             s.upstream_max_tries};
  clients::openrouter_client upstream(io.get_executor(), upstream_options);
  run::run_limiter limiter(s.max_runs_per_user);
  common::pg::pool_gauges pool_gauges = common::pg::watch_pool(db, s.db.pool_size);
  common::metrics::registration runs_gauge = run::watch_runs_in_flight([&limiter] { return limiter.total(); });
  domain::services svc{s, conversations, runs, tokens, keys, accounts, upstream, limiter, io.get_executor()};
  http::context ctx{svc, db};
  auto routes = http::make_routes(ctx);

  common::http::server_options options;
  options.name = "council";
  options.host = s.listen.host;
  options.port = s.listen.port;
  common::http::server server(io, options, routes);
  server.start();
  common::log::info("council-service listening", {{"host", s.listen.host}, {"port", server.port()}});

  boost::asio::co_spawn(io, tokens.keep_fresh(std::chrono::milliseconds(250), s.jwks_refresh), boost::asio::detached);
  boost::asio::co_spawn(io, sweep_stale_runs(runs, stale_run_seconds(s)), boost::asio::detached);
  io.restart();
  common::http::run_until_signal(io, {&server}, s.shutdown_grace);
  common::log::info("council-service stopped");
  return 0;
}

}  // namespace council
