// serve: builds the shared password hasher, token service and key vault, then on every I/O thread its own pool,
// services, route tables and listeners (docs/architecture.md, "Threads"), and runs the threads.
#include "auth/app.hpp"
#include "common/core/io_threads.hpp"
#include "common/core/log.hpp"
#include "common/core/run_blocking.hpp"
#include "common/http/server.hpp"
#include "common/pg/pool_metrics.hpp"
#include "auth/domain/services.hpp"
#include "auth/http/routes.hpp"
#include <memory>
#include <optional>

namespace auth {
namespace {

/// What one I/O thread owns: its slice of the connection pool, the use-case services over it, its key checker
/// (an HTTP client with its keep-alive connections), its route tables.
struct shard {
  shard(common::executor ex, const settings& s, domain::password_hasher& passwords, const domain::token_service& tokens,
        const domain::key_vault& vault)
      : db(ex, pool_options_of(s.db, s.io_threads)),
        svc{db, passwords, tokens, vault, s.throttle, s.accounts},
        ctx{svc, domain::key_services{db, vault}, s.trusted_proxies, s.allowed_clients},
        public_router(with_key_checker(ex, s)),
        internal_router(http::internal_routes(ctx)) {}

  common::pg::pool db;
  domain::services svc;
  std::optional<clients::key_checker> key_checker;  // with KEY_VALIDATION on
  http::context ctx;
  common::http::router public_router;
  common::http::router internal_router;

private:
  // Starts this thread's key checker (when enabled) and hands it to the context before the routes are built.
  common::http::router with_key_checker(common::executor ex, const settings& s) {
    if (s.key_check.enabled) key_checker.emplace(std::move(ex), s.key_check.upstream);
    ctx.key_checker = key_checker ? &*key_checker : nullptr;
    return http::public_routes(ctx);
  }
};

}  // namespace

common::pg::pool_options pool_options_of(const database_settings& db, std::size_t io_threads) {
  common::pg::pool_options o;
  o.conninfo = db.url;
  o.max_size = common::pg::pool_share(db.pool_size, io_threads);
  return o;
}

common::awaitable<common::pg::migration_report> apply_migrations(common::pg::pool& db, std::string migrations_dir) {
  std::string schema = "auth";
  std::string dir = migrations_dir + "/auth";
  auto report = co_await common::pg::migrate(db, std::move(schema), std::move(dir));
  co_return report;
}

int serve(const settings& s) {
  common::io_threads threads(s.io_threads);
  domain::password_hasher passwords(s.bcrypt_cost, s.bcrypt_threads);
  domain::token_service tokens(s.tokens);
  domain::key_vault vault(s.keks);
  std::vector<std::unique_ptr<shard>> shards;
  std::vector<const common::pg::pool*> pools;
  for (std::size_t i = 0; i < threads.size(); ++i) {
    shards.push_back(std::make_unique<shard>(threads.context(i).get_executor(), s, passwords, tokens, vault));
    pools.push_back(&shards.back()->db);
  }
  common::pg::pool_gauges pool_gauges = common::pg::watch_pools(pools, s.db.pool_size);
  if (s.db.migrate_on_start) {
    auto report = common::run_blocking(threads.context(0), apply_migrations(shards[0]->db, s.db.migrations_dir));
    boost::json::object fields;
    fields["applied"] = report.applied;
    fields["present"] = report.present;
    common::log::info("migrations checked", std::move(fields));
  }

  common::http::server_options public_options;
  public_options.name = "public";
  public_options.host = s.listen.host;
  public_options.port = s.listen.port;
  common::http::server_group public_server(threads, public_options,
                                           [&](std::size_t i) -> const common::http::router& { return shards[i]->public_router; });

  common::http::server_options internal_options;
  internal_options.name = "internal";
  internal_options.host = s.internal_listen.host;
  internal_options.port = s.internal_listen.port;
  internal_options.serve_metrics = false;  // scraped on the public port; this one admits only the council
  internal_options.tls = common::http::tls_files{s.internal_tls_cert, s.internal_tls_key, s.internal_ca};
  internal_options.tls_reload_interval = s.tls_reload_interval;
  common::http::server_group internal_server(threads, internal_options,
                                             [&](std::size_t i) -> const common::http::router& { return shards[i]->internal_router; });

  public_server.start();
  internal_server.start();
  boost::json::object fields;
  fields["public_port"] = public_server.port();
  fields["internal_port"] = internal_server.port();
  fields["kid"] = tokens.kid();
  fields["kek_version"] = vault.newest_version();
  fields["io_threads"] = threads.size();
  fields["key_validation"] = s.key_check.enabled;
  common::log::info("auth-service listening", std::move(fields));
  std::vector<common::http::server*> servers = public_server.servers();
  for (common::http::server* internal : internal_server.servers()) servers.push_back(internal);
  common::http::run_until_signal(threads, std::move(servers), s.shutdown_grace);
  return 0;
}

}  // namespace auth
