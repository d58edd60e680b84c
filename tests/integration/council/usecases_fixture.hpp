// The council use cases in-process against the real PostgreSQL: an auth-service (auth_fixture) for tokens,
// keys and the database, the schema council migrated, a fake OpenRouter on the same io_context, and
// domain::services wired as app.cpp wires them.
#pragma once
#include "council/access/token_verifier.hpp"
#include "council/clients/jwks_client.hpp"
#include "council/domain/services.hpp"
#include "fakes/fake_server.hpp"
#include "integration/auth/auth_fixture.hpp"
#include "support/run_sync.hpp"
#include <memory>
#include <string>

namespace council_usecases {

/// Model names the use cases are configured with.
inline const std::string alpha_model = "test/alpha";
inline const std::string beta_model = "test/beta";
inline const std::string lead_model = "test/lead";
inline const std::string title_model = "test/title";

/// Everything the council use cases need, with small limits: models alpha, beta (and lead), two runs per user,
/// 2 s per upstream try, one try, a 30 s run time limit.
class usecase_fixture {
public:
  usecase_fixture();
  ~usecase_fixture();
  usecase_fixture(const usecase_fixture&) = delete;
  usecase_fixture& operator=(const usecase_fixture&) = delete;

  /// Drives `task` to completion on the fixture's io_context (runs, the fake and the pools make progress too).
  template <typename T>
  T sync(common::awaitable<T> task) {
    return test_support::run_sync(io_, std::move(task));
  }
  /// Registers `email`, stores `key` when not empty, and returns the authenticated caller (expects success).
  council::domain::caller user(const std::string& email, const std::string& key);
  /// Replaces the fake's behaviour with `config` (the JSON of POST /_fake/config).
  void configure_fake(const std::string& config);
  /// Chat requests the fake received for `model` so far.
  std::size_t requests_for(const std::string& model) const;
  /// Runs SQL as the administrator; returns psql's output.
  std::string psql(const std::string& sql) const { return auth.database().psql(sql); }

  auth_test::auth_fixture auth;
  council::settings config;

private:
  boost::asio::io_context io_;
  std::unique_ptr<fake_openrouter::fake_server> fake_;
  std::unique_ptr<common::pg::pool> db_;
  std::unique_ptr<council::storage::conversation_store> conversations_;
  std::unique_ptr<council::storage::run_store> runs_;
  std::unique_ptr<council::storage::usage_store> usage_;
  std::unique_ptr<council::storage::run_event_store> run_events_;
  council::run::run_hub hub_;
  council::run::run_gate gate_{16};
  std::unique_ptr<council::clients::jwks_client> jwks_;
  std::unique_ptr<council::access::token_verifier> tokens_;
  std::unique_ptr<council::clients::key_client> keys_;
  std::unique_ptr<council::clients::account_client> accounts_;
  std::unique_ptr<council::clients::openrouter_client> upstream_;
  std::unique_ptr<council::run::run_limiter> limiter_;

public:
  /// The services every use case takes (valid for the fixture's lifetime).
  std::unique_ptr<council::domain::services> svc;
};

}  // namespace council_usecases
