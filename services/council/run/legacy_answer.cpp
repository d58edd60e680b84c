// Labels, aggregate rankings and the stored JSON of an imported answer.
#include "council/run/legacy_answer.hpp"
#include "council/run/ranking.hpp"
#include <boost/json/value_from.hpp>
#include <boost/json/serialize.hpp>

namespace council::run {
namespace json = boost::json;

stored_answer answer_from_legacy(legacy_stages stages, const std::string& lead_model) {
  std::vector<values::stage2_result> stage2;
  for (legacy_ranking& r : stages.stage2) {
    std::vector<std::string> labels = r.parsed_ranking ? std::move(*r.parsed_ranking) : parse_ranking(r.ranking);
    stage2.push_back({std::move(r.model), std::move(r.ranking), std::move(labels)});
  }
  values::run_metadata metadata;
  metadata.label_to_model = assign_labels(stages.stage1);
  metadata.aggregate_rankings = aggregate_rankings(stage2, metadata.label_to_model);
  values::stage3_result stage3{lead_model, ""};
  if (stages.stage3) stage3 = std::move(*stages.stage3);
  else metadata.errors.push_back({"stage3", lead_model, std::nullopt, "The previous app stored no synthesis for this answer."});
  json::value metadata_json = json::value_from(metadata);
  metadata_json.as_object()["rankings_recomputed"] = true;
  return stored_answer{json::serialize(json::value_from(stages.stage1)), json::serialize(json::value_from(stage2)),
                       json::serialize(json::value_from(stage3)), json::serialize(metadata_json)};
}

}  // namespace council::run
