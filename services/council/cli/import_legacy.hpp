// `council-service import-legacy`: the council step of moving users over from the Python app (docs/legacy-import.md).
#pragma once
#include <string>
#include <vector>

namespace council::cli {

/// `import-legacy [--from URL] --accounts FILE [--dry-run] --out FILE`: checks the legacy schema (exit 1 with one
/// sentence naming what is missing), imports every conversation not imported before with all its messages and
/// stage rows in order, owned through the user-id mapping FILE written by `auth-service import-legacy accounts`
/// (ownerless ones stay ownerless and claimable; those of users not imported are reported and skipped), prints a
/// report and writes its counts to the --out file. Returns the exit code; throws common::config::config_error for
/// bad arguments or settings.
int import_legacy(const std::vector<std::string>& args);

}  // namespace council::cli
