// `auth-service import-legacy`: the auth steps of moving users over from the Python app (docs/legacy-import.md).
#pragma once
#include <string>
#include <vector>

namespace auth::cli {

/// `import-legacy accounts [--from URL] [--dry-run] --out FILE`: checks the legacy schema (exit 1 with one sentence
/// naming what is missing), imports users and keys (LEGACY_API_KEY_ENCRYPTION_KEY decrypts them), prints a report
/// and writes the user-id mapping for the council step to FILE.
/// `import-legacy finish --accounts FILE --conversations FILE`: audits the council step's summary and prints the
/// run's last line ("Nothing to import: ..." when nothing was new). Returns the exit code; throws
/// common::config::config_error for bad arguments or settings.
int import_legacy(const std::vector<std::string>& args);

}  // namespace auth::cli
