// Carrying conversations over from the Python app (docs/legacy-import.md): each legacy conversation not imported
// before, whole and in order, owned through the accounts step's user-id mapping or left ownerless.
#pragma once
#include "common/pg/pool.hpp"
#include "council/values/model_catalog.hpp"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace council::domain {

/// What the conversation step is given.
struct legacy_import_request {
  std::map<std::string, std::optional<std::string>> user_ids;  // legacy user id -> ours (nullopt in a dry run)
  values::model_catalog catalog;                               // defaults for rows without models or lead model
  bool dry_run = false;                                        // report only; nothing is written
};

/// What the step did (or, in a dry run, would do).
struct legacy_import_report {
  long long imported = 0;
  long long already = 0;    // imported by an earlier run
  long long skipped = 0;    // owner not imported, unknown message role, owner deleted here meanwhile
  long long ownerless = 0;  // imported without an owner: claimable with claim-legacy
  long long messages = 0;
  std::map<std::string, long long> by_user;  // our user id -> conversations imported for them
  std::vector<std::string> notes;            // one sentence per skipped conversation
};

/// Imports from `legacy` (whose schema the caller has checked) into `db`: each conversation in one transaction
/// with its ledger row; stage rows become the stored stages (run::answer_from_legacy).
common::awaitable<legacy_import_report> import_legacy_conversations(common::pg::pool& db, common::pg::pool& legacy,
                                                                   legacy_import_request request);

}  // namespace council::domain
