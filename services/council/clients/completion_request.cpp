// Serialisation of chat-completion request bodies: the shared part once per stage, the model part per call.
#include "council/clients/completion_request.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace council::clients {
namespace json = boost::json;

completion_request::completion_request(const std::vector<values::chat_message>& messages, completion_settings settings)
    : settings_(settings) {
  json::array list;
  list.reserve(messages.size());
  for (const auto& m : messages) list.push_back(json::object{{"role", m.role}, {"content", m.content}});
  std::string rest = "\"messages\":";
  rest += json::serialize(list);
  if (settings_.stream) rest += ",\"stream\":true";
  rest += ",\"usage\":{\"include\":true}}";
  rest_ = std::make_shared<const std::string>(std::move(rest));
}

std::string completion_request::body_head(std::string_view model) const {
  return "{\"model\":" + json::serialize(json::string(model)) + ",";
}

shared_request make_request(const std::vector<values::chat_message>& messages, completion_settings settings) {
  return std::make_shared<const completion_request>(messages, settings);
}

}  // namespace council::clients
