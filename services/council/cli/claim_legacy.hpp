// `council-service claim-legacy`: gives the ownerless (pre-account) conversations to one user.
#pragma once
#include <string>
#include <vector>

namespace council::cli {

/// Parses `--user-id <uuid>` or `--email <e>` (the latter needs DATABASE_ADMIN_URL, because the
/// council role cannot read auth.users), claims the rows, prints how many; returns the exit code.
/// Throws common::config::config_error for bad arguments or settings.
int claim_legacy(const std::vector<std::string>& args);

}  // namespace council::cli
