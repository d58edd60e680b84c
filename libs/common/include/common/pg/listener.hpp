// LISTEN/NOTIFY: one dedicated connection that listens on fixed channels and hands every notification over.
#pragma once
#include "common/core/asio.hpp"
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace common::pg {

/// One NOTIFY received.
struct notification {
  std::string channel;
  std::string payload;
};

/// Listens on `channels` over its own connection (not a pool's) and calls `on_notify` on its executor for each
/// notification, in the order the server sent them. A lost connection is reopened after a short pause; nothing
/// sent while it was down is replayed, so users poll what they must not miss. Use on one thread.
class listener {
public:
  using handler = std::function<void(const notification&)>;
  listener(executor ex, std::string conninfo, std::vector<std::string> channels, handler on_notify);
  ~listener();
  listener(const listener&) = delete;
  listener& operator=(const listener&) = delete;

  /// Listens until stop() (or the executor stops); never throws. Spawn it once.
  awaitable<void> run();
  /// Ends run() soon (it closes the connection).
  void stop();
  /// True while the connection is open and listening.
  bool listening() const;

private:
  struct state;
  std::shared_ptr<state> state_;
};

}  // namespace common::pg
