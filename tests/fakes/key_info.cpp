// Parsing of the key behaviour and the answers of the fake key endpoint.
#include "fakes/key_info.hpp"
#include <algorithm>
#include <stdexcept>

namespace fake_openrouter {
namespace {

namespace json = boost::json;

[[noreturn]] void invalid(const std::string& field, const char* why) { throw std::invalid_argument(field + ": " + why); }

key_answer refusal(int status, std::string message) {
  key_answer out;
  out.status = status;
  out.body["error"] = json::object{{"message", std::move(message)}, {"code", status}};
  return out;
}

}  // namespace

key_behaviour parse_key_behaviour(const json::value& value, const std::string& where) {
  if (!value.is_object()) invalid(where, "must be an object");
  key_behaviour out;
  for (const auto& entry : value.as_object()) {
    const std::string field = where + "." + std::string(entry.key());
    const json::value& v = entry.value();
    if (entry.key() == "limit") {
      if (v.is_null()) {
        out.limit.reset();
      } else if (v.is_number()) {
        out.limit = v.to_number<double>();
      } else {
        invalid(field, "must be a number or null");
      }
    } else if (entry.key() == "usage") {
      if (!v.is_number()) invalid(field, "must be a number");
      out.usage = v.to_number<double>();
    } else if (entry.key() == "bad") {
      if (!v.is_array()) invalid(field, "must be an array of strings");
      for (const json::value& key : v.as_array()) {
        if (!key.is_string()) invalid(field, "must be an array of strings");
        out.bad_keys.emplace_back(key.as_string());
      }
    } else if (entry.key() == "status") {
      if (!v.is_int64() || v.as_int64() < 400 || v.as_int64() > 599) invalid(field, "must be an integer from 400 to 599");
      out.status = static_cast<int>(v.as_int64());
    } else {
      invalid(field, "unknown field");
    }
  }
  return out;
}

key_answer answer_key(const key_behaviour& behaviour, const std::optional<std::string>& required, std::string_view key) {
  if (behaviour.status) return refusal(*behaviour.status, "Fake key endpoint error " + std::to_string(*behaviour.status));
  const bool listed = std::find(behaviour.bad_keys.begin(), behaviour.bad_keys.end(), key) != behaviour.bad_keys.end();
  if (key.empty() || key.starts_with("bad-") || listed || (required && key != *required)) {
    return refusal(401, "Invalid API key");
  }
  json::object data;
  data["label"] = "fake key ..." + std::string(key.substr(key.size() - std::min<std::size_t>(key.size(), 6)));
  if (behaviour.limit) {
    data["limit"] = *behaviour.limit;
  } else {
    data["limit"] = nullptr;
  }
  data["usage"] = behaviour.usage;
  key_answer out;
  out.body["data"] = std::move(data);
  return out;
}

}  // namespace fake_openrouter
