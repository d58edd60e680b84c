// JSON conversions of council results that need more than a described struct.
#include "council/values/council_answer.hpp"
#include <boost/json/value_from.hpp>

namespace council::values {
namespace json = boost::json;

void tag_invoke(json::value_from_tag, json::value& out, const model_error& e) {
  out = json::object{{"stage", e.stage},
                     {"model", e.model},
                     {"status", e.status ? json::value(*e.status) : json::value(nullptr)},
                     {"message", e.message}};
}

void tag_invoke(json::value_from_tag, json::value& out, const run_metadata& m) {
  json::object labels;
  for (const auto& [label, model] : m.label_to_model) labels[label] = model;
  out = json::object{{"label_to_model", std::move(labels)},
                     {"aggregate_rankings", json::value_from(m.aggregate_rankings)},
                     {"errors", json::value_from(m.errors)}};
}

void tag_invoke(json::value_from_tag, json::value& out, const council_answer& a) {
  out = json::object{{"stage1", json::value_from(a.stage1)},
                     {"stage2", json::value_from(a.stage2)},
                     {"stage3", json::value_from(a.stage3)},
                     {"metadata", json::value_from(a.metadata)}};
}

}  // namespace council::values
