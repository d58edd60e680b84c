// The fake's GET /api/v1/key (OpenRouter's key information): which keys it accepts and what it reports.
#pragma once
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake_openrouter {

/// How GET /api/v1/key answers; set by the "key" object of POST /_fake/config.
struct key_behaviour {
  std::optional<double> limit = 10.0;  // data.limit of accepted keys (null: no limit)
  double usage = 0.25;                 // data.usage of accepted keys
  std::vector<std::string> bad_keys;   // refused with 401 like every key starting "bad-"
  std::optional<int> status;           // answer every call with this error status instead
};

/// Parses `{"limit": number|null, "usage": number, "bad": [string...], "status": 400..599}`;
/// throws std::invalid_argument naming the bad field (prefixed with `where`).
key_behaviour parse_key_behaviour(const boost::json::value& value, const std::string& where);

/// One answer of the key endpoint.
struct key_answer {
  int status = 200;
  boost::json::object body;
};

/// The answer for bearer token `key` ("" when none): 200 {"data": {"label", "limit", "usage"}} for accepted
/// keys; 401 {"error": {"message": "Invalid API key"}} for no key, a "bad-" key, a configured bad key, or any
/// key but `required` when set; the configured error status when set.
key_answer answer_key(const key_behaviour& behaviour, const std::optional<std::string>& required, std::string_view key);

}  // namespace fake_openrouter
