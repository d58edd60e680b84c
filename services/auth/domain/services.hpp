// What the auth use cases work with: the database pool, password hasher, token service and key vault.
#pragma once
#include "common/pg/pool.hpp"
#include "auth/domain/errors.hpp"
#include "auth/domain/key_vault.hpp"
#include "auth/domain/passwords.hpp"
#include "auth/domain/tokens.hpp"
#include "auth/settings.hpp"
#include <string>

namespace auth::domain {

/// What the provider-key use cases need (also usable from the command line without token keys).
struct key_services {
  common::pg::pool& db;
  const key_vault& vault;
};

/// What the account-administration use cases need (also usable from the command line without token keys).
struct admin_services {
  common::pg::pool& db;
  const account_settings& accounts;
};

/// Long-lived collaborators of every use case; owned by the app, shared by reference.
struct services {
  common::pg::pool& db;
  password_hasher& passwords;
  const token_service& tokens;
  const key_vault& vault;
  throttle_settings throttle;
  account_settings accounts;
  unsigned counter_writes = 0;  // drives occasional pruning of the throttling counters
};

/// `failure` with `code`, an optional detail and retry delay.
inline failure fail(errc code, std::string detail = {}, long long retry_after = 0) {
  return failure{code, std::move(detail), retry_after};
}

}  // namespace auth::domain
