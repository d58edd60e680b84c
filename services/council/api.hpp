// Wire shapes of the council API (api.md): council results described once for json::value_from.
#pragma once
#include <boost/describe/class.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <string>

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
