// Follows the auth service's revocation feed into a revocation_list (docs/architecture.md, "Revocation reaches
// the council"): one follower per process.
#pragma once
#include "common/core/asio.hpp"
#include "council/access/revocation_list.hpp"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace council::access {

/// One answer of the feed.
struct revocation_batch {
  std::string cursor;                    // ask with it next time
  long long retain_seconds = 0;          // how long an entry matters after it was recorded
  std::vector<std::string> session_ids;  // sessions ended since the cursor asked with
};

/// Reads the feed after `cursor` ("" for everything still relevant); nullopt when it cannot be read now.
using revocation_fetcher = std::function<common::awaitable<std::optional<revocation_batch>>(std::string cursor)>;

/// Reads the feed once from `cursor` into `list`; on success advances `cursor` and marks the list current.
/// Returns whether the read succeeded.
common::awaitable<bool> read_revocations_once(const revocation_fetcher& fetch, revocation_list& list,
                                              std::string& cursor);

/// Reads the feed every `interval` forever, from the empty cursor at start and from the last good cursor after
/// any failure (so an outage of the auth service loses nothing); logs when the list turns stale and when it is
/// current again.
common::awaitable<void> follow_revocations(revocation_fetcher fetch, revocation_list& list,
                                           common::clock::duration interval);

}  // namespace council::access
