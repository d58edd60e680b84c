// serve: builds the pool, hasher, token service, key vault and both servers, then runs the io_context.
#include "auth/app.hpp"
#include "common/core/log.hpp"
#include "common/core/run_blocking.hpp"
#include "common/http/server.hpp"
#include "common/pg/pool_metrics.hpp"
#include "auth/domain/services.hpp"
#include "auth/http/routes.hpp"
#include <optional>

namespace auth {

common::pg::pool_options pool_options_of(const database_settings& db) {
  common::pg::pool_options o;
  o.conninfo = db.url;
  o.max_size = db.pool_size;
  return o;
}

common::awaitable<common::pg::migration_report> apply_migrations(common::pg::pool& db, std::string migrations_dir) {
  std::string schema = "auth";
  std::string dir = migrations_dir + "/auth";
  auto report = co_await common::pg::migrate(db, std::move(schema), std::move(dir));
  co_return report;
}

int serve(const settings& s) {
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(s.db));
  common::pg::pool_gauges pool_gauges = common::pg::watch_pool(db, s.db.pool_size);
  if (s.db.migrate_on_start) {
    auto report = common::run_blocking(io, apply_migrations(db, s.db.migrations_dir));
    boost::json::object fields;
    fields["applied"] = report.applied;
    fields["present"] = report.present;
    common::log::info("migrations checked", std::move(fields));
  }

  domain::password_hasher passwords(s.bcrypt_cost, s.bcrypt_threads);
  domain::token_service tokens(s.tokens);
  domain::key_vault vault(s.keks);
  domain::services svc{db, passwords, tokens, vault, s.throttle, s.accounts};
  domain::key_services keys{db, vault};
  std::optional<clients::key_checker> key_checker;
  if (s.key_check.enabled) key_checker.emplace(io.get_executor(), s.key_check.upstream);
  http::context ctx{svc, keys, s.trusted_proxies, s.allowed_clients};
  ctx.key_checker = key_checker ? &*key_checker : nullptr;
  common::http::router public_router = http::public_routes(ctx);
  common::http::router internal_router = http::internal_routes(ctx);

  common::http::server_options public_options;
  public_options.name = "public";
  public_options.host = s.listen.host;
  public_options.port = s.listen.port;
  common::http::server public_server(io, public_options, public_router);

  common::http::server_options internal_options;
  internal_options.name = "internal";
  internal_options.host = s.internal_listen.host;
  internal_options.port = s.internal_listen.port;
  internal_options.serve_metrics = false;  // scraped on the public port; this one admits only the council
  internal_options.tls = common::http::tls_files{s.internal_tls_cert, s.internal_tls_key, s.internal_ca};
  common::http::server internal_server(io, internal_options, internal_router);

  public_server.start();
  internal_server.start();
  boost::json::object fields;
  fields["public_port"] = public_server.port();
  fields["internal_port"] = internal_server.port();
  fields["kid"] = tokens.kid();
  fields["kek_version"] = vault.newest_version();
  fields["key_validation"] = s.key_check.enabled;
  common::log::info("auth-service listening", std::move(fields));
  common::http::run_until_signal(io, {&public_server, &internal_server}, s.shutdown_grace);
  return 0;
}

}  // namespace auth
