// What the council use cases work with: configuration, stores, clients, the token verifier and run bookkeeping.
#pragma once
#include "council/access/token_verifier.hpp"
#include "council/clients/account_client.hpp"
#include "council/clients/key_client.hpp"
#include "council/clients/openrouter_client.hpp"
#include "council/run/run_gate.hpp"
#include "council/run/run_hub.hpp"
#include "council/run/run_limiter.hpp"
#include "council/settings.hpp"
#include "council/storage/conversation_store.hpp"
#include "council/storage/run_event_store.hpp"
#include "council/storage/run_store.hpp"
#include "council/storage/usage_store.hpp"

namespace council::domain {

/// Long-lived collaborators of every use case; owned by the app, outlive every request and run.
struct services {
  const settings& config;
  storage::conversation_store& conversations;
  storage::run_store& runs;
  storage::usage_store& usage;
  access::token_verifier& tokens;
  clients::key_client& keys;
  clients::account_client& accounts;
  clients::openrouter_client& upstream;
  run::run_limiter& limiter;
  common::executor io;  // where runs are started
  storage::run_event_store& run_events;
  run::run_hub& hub;  // this thread's runs and event watches
  run::run_gate& gate;  // the process's cap on runs executing at once
};

/// The authenticated user of a request.
struct caller {
  std::string user_id;
  std::string token;  // the raw bearer token (forwarded to the key service)
};

}  // namespace council::domain
