// The events of council runs in schema council (run_events), and the notifications that announce them.
#pragma once
#include "common/pg/pool.hpp"
#include <boost/describe/class.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace council::storage {

/// NOTIFY channel announcing new events: payload "<run_id> <last seq>".
inline constexpr std::string_view run_events_channel = "council_run_events";
/// NOTIFY channel asking the replica that runs a run to cancel it: payload "<run_id>".
inline constexpr std::string_view run_cancel_channel = "council_run_cancel";

/// One stored event: its sequence number and its JSON text.
struct run_event {
  int seq = 0;
  std::string payload;
};
BOOST_DESCRIBE_STRUCT(run_event, (), (seq, payload))

/// Appends and reads run events.
class run_event_store {
public:
  explicit run_event_store(common::pg::pool& db) : db_(db) {}
  /// Stores `payloads` as seq first_seq, first_seq + 1, ... and notifies run_events_channel, in one statement.
  /// False when the run no longer exists (its conversation was deleted). The viewed texts must outlive the call.
  common::awaitable<bool> append(std::string run_id, int first_seq, std::vector<std::string_view> payloads);
  /// The run's events with seq > `after`, in order.
  common::awaitable<std::vector<run_event>> after(std::string run_id, int after);
  /// Sends NOTIFY run_cancel_channel for `run_id`.
  common::awaitable<void> request_cancel(std::string run_id);

private:
  common::pg::pool& db_;
};

}  // namespace council::storage
