// Serialisation of chat-completion request bodies: the shared part once per stage, the model part per call.
#include "council/clients/completion_request.hpp"
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

namespace council::clients {
namespace json = boost::json;

completion_request::completion_request(const std::vector<values::chat_message>& messages, completion_settings settings)
    : settings_(settings) {
  // Written piece by piece (no JSON tree), so a long prompt exists only as itself and its escaped copy.
  std::size_t size = 64;
  for (const auto& m : messages) size += m.role.size() + m.content.size() + m.content.size() / 16 + 32;
  std::string rest;
  rest.reserve(size);
  rest += "\"messages\":[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) rest += ',';
    rest += "{\"role\":";
    rest += json::serialize(json::string_view(messages[i].role));
    rest += ",\"content\":";
    rest += json::serialize(json::string_view(messages[i].content));
    rest += '}';
  }
  rest += ']';
  if (settings_.stream) rest += ",\"stream\":true";
  if (settings_.temperature) rest += ",\"temperature\":" + json::serialize(json::value(*settings_.temperature));
  if (settings_.max_tokens) rest += ",\"max_tokens\":" + std::to_string(*settings_.max_tokens);
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
