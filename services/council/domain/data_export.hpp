// The user's data export: the account part from the auth service, every conversation, one Markdown page per
// conversation and a manifest of hashes, packed as one ZIP archive.
#pragma once
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include <string>

namespace council::domain {

/// Name of the archive the browser saves (Content-Disposition).
inline constexpr std::string_view export_file_name = "council-export.zip";

/// The ZIP archive of everything `who` has: account.json (profile, sessions, key metadata, audit events, from the
/// auth service presenting the caller's token; never a key), conversations.json (every conversation as
/// GET /api/conversations/{id} answers it, oldest first), conversations/<id>.md, and manifest.json listing every
/// other file's name, SHA-256 (hex) and size. invalid_token when the auth service refuses the token or its session;
/// account_service_unavailable when it cannot be asked. Nothing of the conversations is read before the account
/// part was handed over.
common::awaitable<outcome<std::string>> export_data(services& svc, caller who);

}  // namespace council::domain
