// The audit actions of auth-service: one enum, its wire names (auth.audit_events.action and the audit-log API)
// and the metric families each action feeds, all in one place.
#pragma once
#include <string_view>

namespace auth::domain {

/// Everything the audit log records.
enum class audit_action {
  register_account,
  login_success,
  login_failure,
  login_throttled,
  refresh,
  refresh_reuse_detected,
  logout,
  session_revoked,
  password_changed,
  account_deleted,
  key_saved,
  key_replaced,
  key_enabled,
  key_disabled,
  key_endpoint_changed,
  key_deleted,
  key_released,
  key_refused,
  key_checked,
  account_exported,
  legacy_import,  // an account, key or conversation summary carried over from the Python app
  invite_created,
  user_disabled,
  user_enabled,
  admin_granted,
  admin_revoked,
  password_reset_issued,
  password_reset,
  audit_pruned,  // the retention job deleted old events (docs/api.md, "Audit log")
};

/// The name stored and shown for `action` (e.g. "login_failure"; "register" for register_account).
std::string_view wire_name(audit_action action);

}  // namespace auth::domain
