// Process entry points of council-service: serve, migrate.
#pragma once
#include "council/settings.hpp"

namespace council {

/// Serves the public API until SIGTERM/SIGINT (migrating first unless disabled); returns the exit code.
/// Throws on startup failures (the caller prints one line and exits 2).
int serve(const settings& s);
/// Applies pending migrations of schema council; returns the exit code. Throws on failure.
int migrate(const database_settings& db);

}  // namespace council
