// Revocation feed use case: cursor check, the read within the window, occasional pruning.
#include "auth/domain/revocations.hpp"
#include "common/core/log.hpp"
#include "common/core/time.hpp"
#include "auth/storage/revocations.hpp"
#include <algorithm>
#include <atomic>

namespace auth::domain {
namespace {

constexpr long long clock_margin_seconds = 60;
constexpr long long kept_seconds = 86400;
constexpr long long prune_every_seconds = 600;

bool is_cursor(const std::string& text) {
  return !text.empty() && text.size() <= 19 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// True for at most one caller per prune_every_seconds in this process.
bool prune_due() {
  static std::atomic<long long> last_prune{0};
  long long now = common::unix_seconds();
  long long last = last_prune.load();
  return now - last >= prune_every_seconds && last_prune.compare_exchange_strong(last, now);
}

}  // namespace

long long revocation_window(const services& svc) { return svc.tokens.access_ttl() + clock_margin_seconds; }

common::awaitable<outcome<api::revocation_feed_out>> revocations_since(services& svc, std::string after) {
  if (after.empty()) after = "0";
  if (!is_cursor(after)) co_return fail(errc::invalid_input, "after must be a cursor from an earlier answer");
  if (prune_due()) {
    long long pruned = co_await storage::prune_revocations(svc.db, kept_seconds);
    if (pruned > 0) common::log::info("old revocations pruned", {{"rows", pruned}});
  }
  long long window = revocation_window(svc);
  api::revocation_feed_out feed = co_await storage::read_revocations(svc.db, std::move(after), window);
  feed.retain_seconds = window;
  co_return feed;
}

}  // namespace auth::domain
