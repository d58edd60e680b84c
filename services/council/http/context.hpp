// What the council's HTTP handlers work with: the use cases' services and the database (for readiness).
#pragma once
#include "common/pg/pool.hpp"
#include "council/domain/services.hpp"

namespace council::http {

/// Handler context; owned by the app, outlives the server.
struct context {
  domain::services& svc;
  common::pg::pool& db;
};

}  // namespace council::http
