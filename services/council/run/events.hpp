// The SSE event payloads of a run (StreamEvent in proto/council.openapi.yaml), serialized to JSON text.
#pragma once
#include "council/values/council_answer.hpp"
#include "council/values/usage.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace council::run::events {

/// {"type": <type>} for stage1_start, stage2_start, stage3_start.
std::string started(std::string_view type);
/// {"type": "stage1_complete", "data": [{model, response}]}.
std::string stage1_complete(const std::vector<values::stage1_result>& results);
/// {"type": "stage2_complete", "data": [{model, ranking, parsed_ranking}], "metadata": {label_to_model, aggregate_rankings, errors}}.
std::string stage2_complete(const std::vector<values::stage2_result>& results, const values::run_metadata& metadata);
/// {"type": "stage3_complete", "data": {model, response}}.
std::string stage3_complete(const values::stage3_result& result);
/// {"type": "stage1_delta" or "stage3_delta", "model", "delta"}: the next piece of a model's streamed answer.
std::string stage_delta(std::string_view type, std::string_view model, std::string_view delta);
/// {"type": "title_complete", "data": {"title"}}.
std::string title_complete(std::string_view title);
/// {"type": "complete", "metadata": {...}, "usage": USAGE}.
std::string complete(const values::run_metadata& metadata, const values::usage_summary& usage = {});
/// {"type": "error", "message"}.
std::string error(std::string_view message);
/// {"type": "cancelled"}.
std::string cancelled();
/// True for the events after which a run's stream ends: complete, error, cancelled.
bool is_terminal(std::string_view event_json);

}  // namespace council::run::events
