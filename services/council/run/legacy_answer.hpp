// Assistant answers of the Python app rebuilt in today's shape (docs/legacy-import.md): the label mapping is
// recomputed from the stage-1 order (A, B, C, ...) and so are the aggregate rankings; nothing else is invented.
#pragma once
#include "council/values/council_answer.hpp"
#include <optional>
#include <string>
#include <vector>

namespace council::run {

/// A stored stage-2 row: the evaluation and the labels the old app parsed from it (nullopt: none stored).
struct legacy_ranking {
  std::string model;
  std::string ranking;
  std::optional<std::vector<std::string>> parsed_ranking;
};

/// The stage rows of one legacy assistant message, each stage in insertion order.
struct legacy_stages {
  std::vector<values::stage1_result> stage1;
  std::vector<legacy_ranking> stage2;
  std::optional<values::stage3_result> stage3;  // at most one row; none when the old run stored no synthesis
};

/// The stored JSON texts of an assistant message.
struct stored_answer {
  std::string stage1_json;
  std::string stage2_json;
  std::string stage3_json;
  std::string metadata_json;  // RunMetadata plus "rankings_recomputed": true
};

/// The answer as today's runs store it. Stage-2 rows without parsed labels are parsed again; a missing synthesis
/// becomes an empty response by `lead_model` with an entry in metadata.errors.
stored_answer answer_from_legacy(legacy_stages stages, const std::string& lead_model);

}  // namespace council::run
