// The revocation list's scrape-time gauges in the process registry.
#include "council/access/revocation_metrics.hpp"

namespace council::access {

std::array<common::metrics::registration, 2> watch_revocations(const revocation_list& list) {
  auto& registry = common::metrics::global();
  auto age = [&list] {
    std::optional<common::clock::duration> since = list.since_last_read(common::clock::now());
    return since ? std::chrono::duration<double>(*since).count() : -1.0;
  };
  return {registry.gauge("council_revocation_feed_age_seconds",
                         "Seconds since this process last read the auth service's revocation feed (-1: never).", age),
          registry.gauge("council_revoked_sessions", "Revoked sessions this process refuses tokens of.",
                         [&list] { return static_cast<double>(list.size()); })};
}

}  // namespace council::access
