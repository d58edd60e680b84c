// Wires settings into, on every I/O thread, its own pool, stores, clients, verifier and listener (the run limiter,
// the run gate and the revocation list, with its one follower on the first thread, are shared), and runs the threads
// (docs/architecture.md, "Threads").
#include "council/app.hpp"
#include "council/clients/account_client.hpp"
#include "council/clients/jwks_client.hpp"
#include "council/clients/key_client.hpp"
#include "council/clients/openrouter_client.hpp"
#include "council/clients/revocation_client.hpp"
#include "common/core/io_threads.hpp"
#include "common/core/log.hpp"
#include "common/core/run_blocking.hpp"
#include "common/http/server.hpp"
#include "common/pg/listener.hpp"
#include "common/pg/migrations.hpp"
#include "common/pg/pool.hpp"
#include "common/pg/pool_metrics.hpp"
#include "council/run/run_metrics.hpp"
#include "council/run/run_gate.hpp"
#include "council/run/run_limiter.hpp"
#include "council/access/revocation_follower.hpp"
#include "council/access/revocation_metrics.hpp"
#include "council/access/token_verifier.hpp"
#include "council/domain/services.hpp"
#include "council/http/context.hpp"
#include "council/http/routes.hpp"
#include "council/malloc_policy.hpp"
#include "council/storage/conversation_store.hpp"
#include "council/storage/run_event_store.hpp"
#include "council/storage/run_store.hpp"
#include "council/storage/usage_store.hpp"
#include <boost/asio/detached.hpp>
#include <memory>

namespace council {
namespace {

constexpr std::size_t verified_token_cache_size = 10000;

common::pg::pool_options pool_options_of(const database_settings& db, std::size_t io_threads = 1) {
  common::pg::pool_options o;
  o.conninfo = db.url;
  o.max_size = common::pg::pool_share(db.pool_size, io_threads);
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

/// Records the runs this process leaves unfinished at shutdown as failed, so that every stored question keeps an
/// outcome at once instead of waiting for the next start's stale-run sweep.
void fail_unfinished_runs(const settings& s, const run::run_limiter& limiter) {
  std::vector<std::string> unfinished = limiter.running_runs();
  if (unfinished.empty()) return;
  common::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(s.db));
  storage::run_store runs(db);
  long long marked = 0;
  for (auto& run_id : unfinished) {
    try {
      if (common::run_blocking(io, runs.fail_interrupted(std::move(run_id)))) ++marked;
    } catch (const std::exception& e) {
      common::log::warn("could not record the runs interrupted by the shutdown", {{"error", e.what()}});
      break;  // the database is out of reach: the next start's stale-run sweep records them
    }
  }
  common::log::warn("marked runs interrupted by the shutdown as failed", {{"runs", marked}});
}

}  // namespace

int migrate(const database_settings& db) {
  common::asio::io_context io(1);
  common::pg::pool pool(io.get_executor(), pool_options_of(db));
  common::run_blocking(io, apply_migrations(pool, db.migrations_dir + "/council"));
  return 0;
}

namespace {

/// The mTLS settings of every client of the auth service's internal listener.
clients::key_client_options internal_client_options(const settings& s) {
  return clients::key_client_options{s.auth_internal_url, s.internal_ca, s.client_cert, s.client_key,
                                     s.tls_reload_interval};
}

/// What one I/O thread owns: its pool slice, stores, upstream clients (with their keep-alive connections), token
/// verifier (reading the process's revocation list), its runs' hub and the LISTEN connection feeding it, the
/// use-case services over them and its route table.
struct shard {
  shard(common::executor ex, const settings& s, run::run_limiter& limiter, run::run_gate& gate,
        const access::revocation_list& revocations)
      : db(ex, pool_options_of(s.db, s.io_threads)),
        conversations(db),
        runs(db),
        usage(db),
        run_events(db),
        listener(ex, s.db.url, {std::string(storage::run_events_channel), std::string(storage::run_cancel_channel)},
                 [this](const common::pg::notification& n) { hub.dispatch(n); }),
        jwks(ex, s.jwks_url, internal_client_options(s)),
        tokens([this]() { return jwks.fetch(); }, s.jwt_issuer, s.jwt_audience, verified_token_cache_size,
               std::chrono::seconds(5), &revocations),
        keys(ex, internal_client_options(s)),
        accounts(ex, internal_client_options(s)),
        upstream(ex, clients::upstream_options{s.upstream_ca_file, s.openrouter_referer, s.openrouter_title,
                                               s.upstream_timeout, s.upstream_max_tries,
                                               s.upstream_max_answer_bytes}),
        svc{s, conversations, runs, usage, tokens, keys, accounts, upstream, limiter, ex, run_events, hub, gate},
        ctx{svc, db},
        routes(http::make_routes(ctx)) {}

  common::pg::pool db;
  storage::conversation_store conversations;
  storage::run_store runs;
  storage::usage_store usage;
  storage::run_event_store run_events;
  run::run_hub hub;
  common::pg::listener listener;
  clients::jwks_client jwks;
  access::token_verifier tokens;
  clients::key_client keys;
  clients::account_client accounts;
  clients::openrouter_client upstream;
  domain::services svc;
  http::context ctx;
  common::http::router routes;
};

}  // namespace

int serve(const settings& s) {
  release_large_buffers_promptly();
  common::io_threads threads(s.io_threads);
  run::run_limiter limiter(s.max_runs_per_user);
  run::run_gate gate(s.max_active_runs);
  access::revocation_list revocations(s.revocation_max_staleness);
  clients::key_client_options feed_options = internal_client_options(s);
  feed_options.base_url = s.revocations_url;
  clients::revocation_client revocation_feed(threads.context(0).get_executor(), std::move(feed_options),
                                             s.revocation_max_staleness / 2);
  std::vector<std::unique_ptr<shard>> shards;
  std::vector<const common::pg::pool*> pools;
  for (std::size_t i = 0; i < threads.size(); ++i) {
    shards.push_back(std::make_unique<shard>(threads.context(i).get_executor(), s, limiter, gate, revocations));
    pools.push_back(&shards.back()->db);
  }
  if (s.db.migrate_on_start) {
    common::run_blocking(threads.context(0), apply_migrations(shards[0]->db, s.db.migrations_dir + "/council"));
  }
  common::pg::pool_gauges pool_gauges = common::pg::watch_pools(pools, s.db.pool_size);
  common::metrics::registration runs_gauge = run::watch_runs_in_flight([&limiter] { return limiter.total(); });
  common::metrics::registration waiting_gauge = run::watch_runs_waiting([&gate] { return gate.waiting(); });
  auto revocation_gauges = access::watch_revocations(revocations);

  common::http::server_options options;
  options.name = "council";
  options.host = s.listen.host;
  options.port = s.listen.port;
  common::http::server_group server(threads, options,
                                    [&](std::size_t i) -> const common::http::router& { return shards[i]->routes; });
  server.start();
  common::log::info("council-service listening",
                    {{"host", s.listen.host}, {"port", server.port()}, {"io_threads", threads.size()}});

  for (std::size_t i = 0; i < threads.size(); ++i) {
    boost::asio::co_spawn(threads.context(i), shards[i]->tokens.keep_fresh(std::chrono::milliseconds(250), s.jwks_refresh),
                          boost::asio::detached);
  }
  access::revocation_fetcher read_feed = [&revocation_feed](std::string cursor) {
    return revocation_feed.fetch(std::move(cursor));
  };
  boost::asio::co_spawn(threads.context(0),
                        access::follow_revocations(std::move(read_feed), revocations, s.revocation_poll_interval),
                        boost::asio::detached);
  for (std::size_t i = 0; i < threads.size(); ++i)
    boost::asio::co_spawn(threads.context(i), shards[i]->listener.run(), boost::asio::detached);
  boost::asio::co_spawn(threads.context(0), sweep_stale_runs(shards[0]->runs, stale_run_seconds(s)),
                        boost::asio::detached);
  common::http::run_until_signal(threads, server.servers(), s.shutdown_grace);
  fail_unfinished_runs(s, limiter);
  common::log::info("council-service stopped");
  return 0;
}

}  // namespace council
