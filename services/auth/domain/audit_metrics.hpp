// Prometheus counters derived from audit events: every event by action and outcome, plus the named families
// operators alert on (login failures, throttles, key releases and refusals).
#pragma once
#include "domain/types.hpp"

namespace auth::domain {

/// Counts `entry` in auth_audit_events_total and, by its action, in auth_login_failures_total,
/// auth_throttled_total or auth_key_releases_total. Labels are fixed words, never user data.
void count_audit_event(const audit_entry& entry);

}  // namespace auth::domain
