// What the council's HTTP handlers work with: configuration, stores, clients and run bookkeeping.
#pragma once
#include "council/clients/key_client.hpp"
#include "council/clients/openrouter_client.hpp"
#include "common/pg/pool.hpp"
#include "council/run/run_limiter.hpp"
#include "council/access/token_verifier.hpp"
#include "council/settings.hpp"
#include "council/storage/conversation_store.hpp"
#include "council/storage/run_store.hpp"

namespace council::http {

/// Everything a handler needs; owned by the app, outlives every request and run.
struct context {
  const settings& config;
  common::pg::pool& db;
  storage::conversation_store& conversations;
  storage::run_store& runs;
  access::token_verifier& tokens;
  clients::key_client& keys;
  clients::openrouter_client& upstream;
  run::run_limiter& limiter;
  common::executor io;  // where detached runs are spawned
};

}  // namespace council::http
