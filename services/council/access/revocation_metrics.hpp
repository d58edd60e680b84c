// Prometheus gauges of the revocation list: how old the last read of the feed is, and how many sessions it holds.
#pragma once
#include "common/metrics/registry.hpp"
#include "council/access/revocation_list.hpp"
#include <array>

namespace council::access {

/// Registers council_revocation_feed_age_seconds (since the last successful read of the feed; -1 before the
/// first) and council_revoked_sessions, read from `list` at scrape time while the handles live (destroy them
/// before `list`).
[[nodiscard]] std::array<common::metrics::registration, 2> watch_revocations(const revocation_list& list);

}  // namespace council::access
