// The fake's state: configuration, per-model call counts and request log.
#include "fakes/state.hpp"

namespace fake_openrouter {

void fake_state::configure(fake_config config) {
  config_ = std::move(config);
  calls_.clear();
}

void fake_state::reset() {
  config_ = fake_config{};
  calls_.clear();
  requests_.clear();
  key_requests_.clear();
}

behaviour fake_state::behaviour_for(std::string_view model) const {
  auto found = config_.models.find(model);
  return found == config_.models.end() ? config_.defaults : merge(config_.defaults, found->second);
}

int fake_state::next_call(const std::string& model) { return calls_[model]++; }

void fake_state::record(boost::json::object entry) { requests_.emplace_back(std::move(entry)); }

std::string fake_state::next_id() { return "gen-fake-" + std::to_string(++ids_); }

}  // namespace fake_openrouter
