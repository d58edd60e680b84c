// Mutable state of one fake OpenRouter: its configuration, calls counted per model, and the request log.
#pragma once
#include "fakes/behaviour.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace fake_openrouter {

/// Not thread-safe: used from the one io_context thread.
class fake_state {
public:
  /// Replaces the configuration and restarts the per-model call counts.
  void configure(fake_config config);
  /// Back to plain answers: no configuration, no counts, empty request log.
  void reset();
  /// The current configuration.
  const fake_config& config() const { return config_; }
  /// The behaviour for `model`: its own fields over the default's.
  behaviour behaviour_for(std::string_view model) const;
  /// Counts a call of `model` and returns its index (0 for the first since configure/reset).
  int next_call(const std::string& model);
  /// Appends one entry to the request log.
  void record(boost::json::object entry);
  /// Every chat request received since the last reset, oldest first.
  const boost::json::array& requests() const { return requests_; }
  /// Appends one entry to the log of key requests.
  void record_key_request(boost::json::object entry) { key_requests_.emplace_back(std::move(entry)); }
  /// Every GET /api/v1/key since the last reset, oldest first.
  const boost::json::array& key_requests() const { return key_requests_; }
  /// A fresh completion id, "gen-fake-<n>".
  std::string next_id();

private:
  fake_config config_;
  std::map<std::string, int, std::less<>> calls_;
  boost::json::array requests_;
  boost::json::array key_requests_;
  std::uint64_t ids_ = 0;
};

}  // namespace fake_openrouter
