// usecase_fixture: the council's collaborators wired in-process over auth_fixture's database and services.
#include "integration/council/usecases_fixture.hpp"
#include "common/pg/migrations.hpp"
#include "council/domain/callers.hpp"
#include "fakes/behaviour.hpp"
#include "support/environment.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace council_usecases {

namespace {

common::pg::pool_options pool_options(std::string url) {
  common::pg::pool_options o;
  o.conninfo = std::move(url);
  o.max_size = 4;
  return o;
}

council::settings test_settings(std::string openrouter_base_url) {
  council::settings s;
  s.jwt_issuer = "council-auth";
  s.jwt_audience = "council";
  s.openrouter_base_url = std::move(openrouter_base_url);
  s.upstream_timeout = std::chrono::seconds(2);
  s.upstream_max_tries = 1;
  s.run_timeout = std::chrono::seconds(30);
  s.models.models = {alpha_model, beta_model, lead_model};
  s.models.default_models = {alpha_model, beta_model};
  s.models.lead_model = lead_model;
  s.models.title_model = title_model;
  s.max_runs_per_user = 2;
  return s;
}

fake_openrouter::fake_options quiet_fake() {
  fake_openrouter::fake_options o;
  o.log_requests = false;
  return o;
}

}  // namespace

usecase_fixture::usecase_fixture() : fake_(std::make_unique<fake_openrouter::fake_server>(io_, quiet_fake())) {
  fake_->start();
  config = test_settings(fake_->base_url());
  db_ = std::make_unique<common::pg::pool>(io_.get_executor(), pool_options(auth.database().url_as("council_service")));
  sync(common::pg::migrate(*db_, "council", std::string(COUNCIL_MIGRATIONS_DIR) + "/council"));
  conversations_ = std::make_unique<council::storage::conversation_store>(*db_);
  runs_ = std::make_unique<council::storage::run_store>(*db_);
  usage_ = std::make_unique<council::storage::usage_store>(*db_);
  run_events_ = std::make_unique<council::storage::run_event_store>(*db_);
  jwks_ = std::make_unique<council::clients::jwks_client>(io_.get_executor(), auth.jwks_url(),
                                                        council::clients::key_client_options{});
  tokens_ = std::make_unique<council::access::token_verifier>([this]() { return jwks_->fetch(); }, config.jwt_issuer,
                                                              config.jwt_audience, 100);
  council::clients::key_client_options internal{auth.internal_url(), test_support::cert("ca.crt"),
                                                test_support::cert("council-client.crt"),
                                                test_support::cert("council-client.key")};
  keys_ = std::make_unique<council::clients::key_client>(io_.get_executor(), internal);
  accounts_ = std::make_unique<council::clients::account_client>(io_.get_executor(), internal);
  upstream_ = std::make_unique<council::clients::openrouter_client>(
      io_.get_executor(), council::clients::upstream_options{"", "http://localhost", "tests", config.upstream_timeout,
                                                             config.upstream_max_tries});
  limiter_ = std::make_unique<council::run::run_limiter>(config.max_runs_per_user);
  svc = std::make_unique<council::domain::services>(council::domain::services{
      config, *conversations_, *runs_, *usage_, *tokens_, *keys_, *accounts_, *upstream_, *limiter_, io_.get_executor(),
      *run_events_, hub_, gate_});
}

usecase_fixture::~usecase_fixture() {
  sync(fake_->server().stop(std::chrono::seconds(1)));
  io_.restart();
  io_.poll();
}

council::domain::caller usecase_fixture::user(const std::string& email, const std::string& key) {
  auto tokens = auth.register_user(email, "correct horse battery");
  if (!key.empty()) auth.save_key(tokens.access, key);
  auto who = sync(council::domain::authenticate(*svc, tokens.access));
  REQUIRE(who.has_value());
  return *who;
}

void usecase_fixture::configure_fake(const std::string& config_json) {
  fake_->state().configure(fake_openrouter::parse_config(boost::json::parse(config_json)));
}

std::size_t usecase_fixture::requests_for(const std::string& model) const {
  std::size_t n = 0;
  for (const auto& entry : fake_->state().requests())
    if (const auto* m = entry.as_object().if_contains("model"); m && m->is_string() && m->get_string() == model) ++n;
  return n;
}

}  // namespace council_usecases
