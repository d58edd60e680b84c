// Copies a run's events from its channel to PostgreSQL in batches, so any replica can replay and follow them.
#pragma once
#include "council/run/run_channel.hpp"
#include "council/storage/run_event_store.hpp"
#include <memory>
#include <string>

namespace council::run {

/// Stores every event of `channel` under `run_id` (with its sequence number), as many per statement as were
/// published while the previous statement ran, until the channel is closed and everything is stored. Never blocks
/// the run (it only reads the channel). A batch the database refuses is retried a few times, then logged and
/// skipped; it stops early when the run's row is gone (conversation deleted). Never throws.
common::awaitable<void> write_events(std::shared_ptr<run_channel> channel, std::string run_id,
                                     storage::run_event_store& store);

}  // namespace council::run
