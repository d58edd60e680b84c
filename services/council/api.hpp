// Wire shapes of the council API (api.md): council results described once for json::value_from.
#pragma once
#include "council/council/types.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <string>

namespace council::council {
BOOST_DESCRIBE_STRUCT(stage1_result, (), (model, response))
BOOST_DESCRIBE_STRUCT(stage2_result, (), (model, ranking, parsed_ranking))
BOOST_DESCRIBE_STRUCT(stage3_result, (), (model, response))
BOOST_DESCRIBE_STRUCT(aggregate_rank, (), (model, average_rank, rankings_count))
/// {stage, model, status (number or null), message}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const model_error& e);
/// {label_to_model, aggregate_rankings, errors}.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const run_metadata& m);
/// {stage1, stage2, stage3, metadata}: the non-streaming message answer and the stored assistant stages.
void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const council_answer& a);
}  // namespace council::council

namespace council::api {

/// One entry of GET /api/conversations.
struct conversation_summary {
  std::string id;
  std::string created_at;
  std::string title;
  long long message_count = 0;
};
BOOST_DESCRIBE_STRUCT(conversation_summary, (), (id, created_at, title, message_count))

/// A conversation without its messages (messages are added by the handler).
struct conversation_head {
  std::string id;
  std::string created_at;
  std::string title;
  std::vector<std::string> models;
  std::string lead_model;
};
BOOST_DESCRIBE_STRUCT(conversation_head, (), (id, created_at, title, models, lead_model))

/// GET /api/models.
struct models_out {
  std::vector<std::string> models;
  std::vector<std::string> default_models;
  std::string default_lead_model;
};
BOOST_DESCRIBE_STRUCT(models_out, (), (models, default_models, default_lead_model))

}  // namespace council::api
