// The follower loop: read, apply, mark current, wait; stale and recovered transitions are logged once each.
#include "council/access/revocation_follower.hpp"
#include "common/core/log.hpp"

namespace council::access {

common::awaitable<bool> read_revocations_once(const revocation_fetcher& fetch, revocation_list& list,
                                              std::string& cursor) {
  std::string from = cursor;
  std::optional<revocation_batch> batch = co_await fetch(std::move(from));
  if (!batch) co_return false;
  common::clock::time_point now = common::clock::now();
  list.apply(batch->session_ids, std::chrono::seconds(batch->retain_seconds), now);
  list.mark_current(now);
  cursor = std::move(batch->cursor);
  co_return true;
}

common::awaitable<void> follow_revocations(revocation_fetcher fetch, revocation_list& list,
                                           common::clock::duration interval) {
  std::string cursor;
  bool stale_logged = false;
  bool loaded = false;
  for (;;) {
    bool read = co_await read_revocations_once(fetch, list, cursor);
    if (read && !loaded) common::log::info("revocation feed loaded", {{"revoked_sessions", list.size()}});
    loaded = loaded || read;
    if (read && stale_logged) common::log::info("revocation feed current again");
    if (read) stale_logged = false;
    if (!read && !stale_logged && !list.current(common::clock::now())) {
      common::log::warn("revocation feed stale: authenticated requests are refused with 503 until it answers");
      stale_logged = true;
    }
    co_await common::sleep_for(interval);
  }
}

}  // namespace council::access
