// Serialization of run events for the SSE stream.
#include "council/run/events.hpp"
#include "council/api.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace council::run::events {
namespace json = boost::json;

namespace {

/// `event` without the spare capacity serialisation leaves (the long events are kept for the run's whole life).
std::string exact(std::string event) {
  event.shrink_to_fit();
  return event;
}

}  // namespace

std::string started(std::string_view type) { return json::serialize(json::object{{"type", type}}); }

std::string stage1_complete(const std::vector<values::stage1_result>& results) {
  return exact(json::serialize(json::object{{"type", "stage1_complete"}, {"data", json::value_from(results)}}));
}

std::string stage2_complete(const std::vector<values::stage2_result>& results, const values::run_metadata& metadata) {
  return exact(json::serialize(
      json::object{{"type", "stage2_complete"}, {"data", json::value_from(results)}, {"metadata", json::value_from(metadata)}}));
}

std::string stage3_complete(const values::stage3_result& result) {
  return exact(json::serialize(json::object{{"type", "stage3_complete"}, {"data", json::value_from(result)}}));
}

std::string stage_delta(std::string_view type, std::string_view model, std::string_view delta) {
  return json::serialize(json::object{{"type", type}, {"model", model}, {"delta", delta}});
}

std::string title_complete(std::string_view title) {
  return json::serialize(json::object{{"type", "title_complete"}, {"data", json::object{{"title", title}}}});
}

std::string complete(const values::run_metadata& metadata, const values::usage_summary& usage) {
  return json::serialize(
      json::object{{"type", "complete"}, {"metadata", json::value_from(metadata)}, {"usage", json::value_from(usage)}});
}

std::string error(std::string_view message) {
  return json::serialize(json::object{{"type", "error"}, {"message", message}});
}

std::string cancelled() { return json::serialize(json::object{{"type", "cancelled"}}); }

bool is_terminal(std::string_view event_json) {
  boost::system::error_code ec;
  json::value event = json::parse(event_json, ec);
  const json::object* o = ec ? nullptr : event.if_object();
  const json::value* type = o ? o->if_contains("type") : nullptr;
  if (type == nullptr || !type->is_string()) return false;
  const json::string& t = type->get_string();
  return t == "complete" || t == "error" || t == "cancelled";
}

}  // namespace council::run::events
