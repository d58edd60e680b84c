// Request and response bodies of the council API (proto/council.openapi.yaml), described once for
// json::value_from and the request-body reader. The council's answer shapes are in values/council_answer.hpp.
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/array.hpp>
#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <optional>
#include <string>
#include <vector>

namespace council::api {

/// One entry of GET /api/conversations.
struct conversation_summary {
  std::string id;
  std::string created_at;
  std::string title;
  long long message_count = 0;
};
BOOST_DESCRIBE_STRUCT(conversation_summary, (), (id, created_at, title, message_count))

/// A conversation without its messages: who sits on its council, and its council settings (null: the provider's
/// default; docs/api.md, "Conversation settings").
struct conversation_head {
  std::string id;
  std::string created_at;
  std::string title;
  std::vector<std::string> models;
  std::string lead_model;
  std::optional<std::string> system_prompt;  // at most 4000 characters; sent first to stage 1 and stage 3
  std::optional<double> temperature;         // 0..2, sent on every call of a run
  std::optional<long long> max_tokens;       // 1..32000, sent on every call of a run
  bool exclude_self_votes = false;           // aggregate rankings leave each model's vote on its own answer out
};
BOOST_DESCRIBE_STRUCT(conversation_head, (),
                      (id, created_at, title, models, lead_model, system_prompt, temperature, max_tokens, exclude_self_votes))

/// GET /api/conversations/{id} and POST /api/conversations: the head, then the messages oldest first
/// (the Message shapes, as stored).
struct conversation_out : conversation_head {
  boost::json::value messages = boost::json::array();
};
BOOST_DESCRIBE_STRUCT(conversation_out, (conversation_head), (messages))

/// POST /api/conversations: all optional (the configured defaults apply; no settings by default). The numbers
/// are checked by the use case.
struct conversation_in {
  std::optional<std::vector<std::string>> models;
  std::optional<std::string> lead_model;
  std::optional<std::string> system_prompt;
  std::optional<boost::json::value> temperature;
  std::optional<boost::json::value> max_tokens;
  std::optional<bool> exclude_self_votes;
};
BOOST_DESCRIBE_STRUCT(conversation_in, (), (models, lead_model, system_prompt, temperature, max_tokens, exclude_self_votes))

/// POST /api/conversations/{id}/message and .../message/stream. Null reads as absent (`content: field required`).
struct message_in {
  std::optional<std::string> content;
  std::optional<bool> stream_tokens;  // publish stage1_delta / stage3_delta events
};
BOOST_DESCRIBE_STRUCT(message_in, (), (content, stream_tokens))

/// PUT /api/settings/budget: a number >= 0 or null (checked by the use case); absent is refused.
struct budget_in {
  std::optional<boost::json::value> monthly_usd;
};
BOOST_DESCRIBE_STRUCT(budget_in, (), (monthly_usd))

/// POST /api/conversations/{id}/runs/{run_id}/synthesis/stream (body optional); stream_tokens adds stage3_delta.
struct synthesis_in {
  std::optional<std::string> lead_model;
  std::optional<bool> stream_tokens;
};
BOOST_DESCRIBE_STRUCT(synthesis_in, (), (lead_model, stream_tokens))

/// POST /api/conversations/{id}/runs/{run_id}/cancel: 202.
struct cancel_out {
  std::string status = "cancelling";
  std::string run_id;
};
BOOST_DESCRIBE_STRUCT(cancel_out, (), (status, run_id))

/// DELETE /api/conversations/{id}.
struct success_out {
  bool success = true;
};
BOOST_DESCRIBE_STRUCT(success_out, (), (success))

/// GET /api/models.
struct models_out {
  std::vector<std::string> models;
  std::vector<std::string> default_models;
  std::string default_lead_model;
};
BOOST_DESCRIBE_STRUCT(models_out, (), (models, default_models, default_lead_model))

}  // namespace council::api

/// conversation_out is written flat (the head's fields, then messages), as Boost.JSON does for described bases.
template <>
struct boost::json::is_described_class<council::api::conversation_out> : std::true_type {};
