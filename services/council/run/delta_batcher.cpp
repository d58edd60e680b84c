// Time-based coalescing of delta events.
#include "council/run/delta_batcher.hpp"
#include "council/run/events.hpp"

namespace council::run {

delta_batcher::delta_batcher(std::shared_ptr<run_channel> channel, std::string type, std::string model)
    : channel_(std::move(channel)), type_(std::move(type)), model_(std::move(model)) {}

void delta_batcher::add(std::string_view piece) {
  pending_.append(piece);
  const auto now = common::clock::now();
  if (published_ && now - last_ < delta_interval) return;
  published_ = true;
  last_ = now;
  flush();
}

void delta_batcher::flush() {
  if (pending_.empty()) return;
  channel_->publish(events::stage_delta(type_, model_, pending_));
  pending_.clear();
}

}  // namespace council::run
