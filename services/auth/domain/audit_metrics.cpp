// Maps audit actions and reasons onto bounded Prometheus label values.
#include "auth/domain/audit_metrics.hpp"
#include "common/metrics/registry.hpp"
#include <string>

namespace auth::domain {
namespace {

std::string reason_of(const audit_entry& entry) {
  if (auto* r = entry.details.if_contains("reason"); r && r->is_string()) return std::string(r->get_string());
  return "";
}

}  // namespace

void count_audit_event(const audit_entry& entry) {
  auto& registry = common::metrics::global();
  const std::string outcome = entry.success ? "success" : "failure";
  const std::string action(wire_name(entry.action));
  registry.count("auth_audit_events_total", "Audit events written, by action and outcome.", {"action", "outcome"},
                 {action, outcome});
  const std::string reason = reason_of(entry);
  const bool throttled = entry.action == audit_action::login_throttled || reason == "throttled";
  if (throttled) {
    const std::string kind = entry.action == audit_action::register_account ? "register" : "login";
    registry.count("auth_throttled_total", "Requests refused with 429 by the throttle, by kind (login, register).",
                   {"kind"}, {kind});
  }
  switch (entry.action) {
    case audit_action::login_failure:
      registry.count("auth_login_failures_total", "Failed logins, by reason (wrong_password, unknown_email).",
                     {"reason"}, {reason.empty() ? "unknown" : reason});
      break;
    case audit_action::key_released:
    case audit_action::key_refused:
      registry.count("auth_key_releases_total",
                     "Internal key requests, by outcome (released, refused) and refusal reason.",
                     {"outcome", "reason"}, {entry.success ? "released" : "refused", reason});
      break;
    default:
      break;
  }
}

}  // namespace auth::domain
