// Coalescing of one model's streamed answer into delta events: few enough for the browser, nothing lost.
#pragma once
#include "common/core/asio.hpp"
#include "council/run/run_channel.hpp"
#include <memory>
#include <string>
#include <string_view>

namespace council::run {

/// Shortest gap between two delta events of one model (at most 20 per second).
constexpr std::chrono::milliseconds delta_interval{50};

/// Collects the pieces of one model's answer and publishes them as `type` events (stage1_delta, stage3_delta)
/// at most once per `delta_interval`; the deltas published, flush() included, concatenate to every piece added.
class delta_batcher {
public:
  delta_batcher(std::shared_ptr<run_channel> channel, std::string type, std::string model);
  /// Adds a piece; publishes everything pending when the last event of this model is at least delta_interval old.
  void add(std::string_view piece);
  /// Publishes whatever is pending (call before the stage's complete event).
  void flush();

private:
  std::shared_ptr<run_channel> channel_;
  std::string type_;
  std::string model_;
  std::string pending_;
  common::clock::time_point last_{};
  bool published_ = false;
};

}  // namespace council::run
