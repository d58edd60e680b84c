// Wire names of the audit actions (the stored and served values; proto/auth.openapi.yaml, AuditEvent).
#include "auth/domain/audit_action.hpp"

namespace auth::domain {

std::string_view wire_name(audit_action action) {
  switch (action) {
    case audit_action::register_account: return "register";
    case audit_action::login_success: return "login_success";
    case audit_action::login_failure: return "login_failure";
    case audit_action::login_throttled: return "login_throttled";
    case audit_action::refresh: return "refresh";
    case audit_action::refresh_reuse_detected: return "refresh_reuse_detected";
    case audit_action::logout: return "logout";
    case audit_action::session_revoked: return "session_revoked";
    case audit_action::password_changed: return "password_changed";
    case audit_action::account_deleted: return "account_deleted";
    case audit_action::key_saved: return "key_saved";
    case audit_action::key_replaced: return "key_replaced";
    case audit_action::key_enabled: return "key_enabled";
    case audit_action::key_disabled: return "key_disabled";
    case audit_action::key_endpoint_changed: return "key_endpoint_changed";
    case audit_action::key_deleted: return "key_deleted";
    case audit_action::key_released: return "key_released";
    case audit_action::key_refused: return "key_refused";
    case audit_action::key_checked: return "key_checked";
    case audit_action::account_exported: return "account_exported";
    case audit_action::legacy_import: return "legacy_import";
    case audit_action::invite_created: return "invite_created";
    case audit_action::user_disabled: return "user_disabled";
    case audit_action::user_enabled: return "user_enabled";
    case audit_action::admin_granted: return "admin_granted";
    case audit_action::admin_revoked: return "admin_revoked";
    case audit_action::password_reset_issued: return "password_reset_issued";
    case audit_action::password_reset: return "password_reset";
    case audit_action::audit_pruned: return "audit_pruned";
  }
  return "unknown";
}

}  // namespace auth::domain
