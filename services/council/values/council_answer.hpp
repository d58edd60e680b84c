// Values produced by a council run (per-stage results, failures, aggregate rankings), described once for
// json::value_from: they are the wire shapes of proto/council.openapi.yaml (Stage1Result, ..., Metadata).
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/fwd.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace council::values {

/// A stage-1 answer.
struct stage1_result {
  std::string model;
  std::string response;
};
BOOST_DESCRIBE_STRUCT(stage1_result, (), (model, response))

/// A stage-2 evaluation and the labels parsed from its FINAL RANKING.
struct stage2_result {
  std::string model;
  std::string ranking;
  std::vector<std::string> parsed_ranking;
};
BOOST_DESCRIBE_STRUCT(stage2_result, (), (model, ranking, parsed_ranking))

/// The lead model's synthesis.
struct stage3_result {
  std::string model;
  std::string response;
};
BOOST_DESCRIBE_STRUCT(stage3_result, (), (model, response))

/// A model call that failed for good (after retries).
struct model_error {
  std::string stage;          // "stage1", "stage2", "stage3" or "title"
  std::string model;
  std::optional<int> status;  // HTTP status, none for time-outs and transport failures
  std::string message;
};

/// A model's place across every parsed ranking.
struct aggregate_rank {
  std::string model;
  double average_rank = 0;  // rounded to 2 decimals
  int rankings_count = 0;
};
BOOST_DESCRIBE_STRUCT(aggregate_rank, (), (model, average_rank, rankings_count))

/// "Response A" -> model, in label order.
using label_map = std::map<std::string, std::string>;

/// Run metadata stored with the assistant message.
struct run_metadata {
  label_map label_to_model;
  std::vector<aggregate_rank> aggregate_rankings;
  std::vector<model_error> errors;
};

/// A finished council: every stage and the metadata.
struct council_answer {
  std::vector<stage1_result> stage1;
  std::vector<stage2_result> stage2;
  stage3_result stage3;
  run_metadata metadata;
};

/// {stage, model, status (number or null), message}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const model_error& e);
/// {label_to_model, aggregate_rankings, errors}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const run_metadata& m);
/// {stage1, stage2, stage3, metadata}: the non-streaming message answer and the stored assistant stages.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const council_answer& a);

}  // namespace council::values
