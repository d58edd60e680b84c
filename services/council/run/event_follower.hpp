// Streams a run's events to one client: from the run's channel on the replica that runs it, or from PostgreSQL
// plus notifications on any replica (reattach).
#pragma once
#include "common/http/event_stream.hpp"
#include "council/run/run_channel.hpp"
#include "council/run/run_hub.hpp"
#include "council/storage/run_event_store.hpp"
#include "council/storage/run_store.hpp"
#include <memory>
#include <string>

namespace council::run {

/// Sends every event of `channel` as it is published (`id:` = its sequence number), `: ping` after each quiet
/// `heartbeat`, until the channel closes or the client goes away (the run goes on either way).
common::awaitable<void> follow_channel(std::shared_ptr<run_channel> channel, common::clock::duration heartbeat,
                                       common::http::event_stream& out);

/// The stored run one client follows.
struct stored_run {
  std::string run_id;
  std::string conversation_id;
  std::string user_id;
  int after = 0;  // the last event the client has (Last-Event-ID)
};

/// Where stored events come from and how new ones are announced (all outlive the stream).
struct event_sources {
  storage::run_event_store& events;
  storage::run_store& runs;
  run_hub& hub;
};

/// Sends the run's stored events with seq > `run.after`, then each new one as its notification arrives (`: ping`
/// after each quiet `heartbeat`), until it has sent a terminal event (complete, error, cancelled), the run is no
/// longer running and nothing more is stored, or the client goes away.
common::awaitable<void> follow_stored(stored_run run, event_sources from, common::clock::duration heartbeat,
                                      common::http::event_stream& out);

}  // namespace council::run
