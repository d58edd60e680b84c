// One conversation as a Markdown page for the data export.
#pragma once
#include "council/api.hpp"
#include <string>

namespace council::domain {

/// The page of `c`: its title and council, then per question the question, the council's final answer (stage 3),
/// each stage-1 answer shortened to a line, the aggregate ranking as a table, each reviewer's order by model name,
/// and the models that failed. Reads the Message shapes of proto/council.openapi.yaml and skips what is missing;
/// a question without a stored answer says so.
std::string conversation_markdown(const api::conversation_out& c);

}  // namespace council::domain
