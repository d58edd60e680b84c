// The account part of a user's data export (profile, sessions, key metadata, audit events), released to an allowed
// internal client presenting the user's token; every export and every refusal is audited.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>

namespace auth::domain {

/// Everything the account of `who` holds except secrets: keys appear as metadata only, never the key or its
/// envelope. Audits account_exported (details: the asking client) before reading the audit log, so the export
/// lists its own event. user_not_found when the account is gone.
common::awaitable<outcome<api::account_export_out>> export_account(services& svc, principal who,
                                                                   std::string client_identity, client_info client);
/// Audits an export refused before the account was read; `why` is the reason recorded (client_not_allowed,
/// invalid_token) and `user_id` the user a well-signed token named, if any.
common::awaitable<void> record_export_refusal(services& svc, std::optional<std::string> user_id, std::string why,
                                              std::string client_identity, client_info client);

}  // namespace auth::domain
