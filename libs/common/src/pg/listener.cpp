// listener: open, LISTEN on each channel, then wait for notifications; reopen after a pause when the link breaks.
#include "common/pg/listener.hpp"
#include "common/core/log.hpp"
#include "connection.hpp"
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

namespace common::pg {

namespace {
constexpr auto connect_timeout = std::chrono::seconds(5);
constexpr auto quiet_check = std::chrono::seconds(30);
constexpr auto reconnect_pause = std::chrono::milliseconds(500);

/// LISTEN "<channel>"; ... (channel names are identifiers chosen by the service, quoted anyway).
std::string listen_script(const std::vector<std::string>& channels) {
  std::string sql;
  for (const auto& c : channels) sql += "LISTEN \"" + c + "\";";
  return sql;
}
}  // namespace

struct listener::state {
  state(executor ex, std::string info, std::vector<std::string> names, handler h)
      : conn(ex), pause(ex), conninfo(std::move(info)), channels(std::move(names)), on_notify(std::move(h)) {}
  connection conn;
  asio::steady_timer pause;
  std::string conninfo;
  std::vector<std::string> channels;
  handler on_notify;
  bool stopped = false;
  bool listening = false;
};

listener::listener(executor ex, std::string conninfo, std::vector<std::string> channels, handler on_notify)
    : state_(std::make_shared<state>(ex, std::move(conninfo), std::move(channels), std::move(on_notify))) {}

listener::~listener() { stop(); }

void listener::stop() {
  state_->stopped = true;
  state_->conn.close();
  state_->pause.cancel();
}

bool listener::listening() const { return state_->listening; }

awaitable<void> listener::run() {
  std::shared_ptr<state> s = state_;
  while (!s->stopped) {
    try {
      co_await s->conn.open(s->conninfo, connect_timeout);
      std::string listen = listen_script(s->channels);
      co_await s->conn.script(std::move(listen), connect_timeout);
      s->listening = true;
      while (!s->stopped) {
        std::vector<notification> received = co_await s->conn.notifications(quiet_check);
        for (const auto& n : received) s->on_notify(n);
        if (!received.empty()) continue;
        std::string ping = "SELECT 1";  // a quiet link must still answer
        co_await s->conn.script(std::move(ping), connect_timeout);
      }
    } catch (const std::exception& e) {
      if (!s->stopped) log::warn("database listener lost its connection", {{"error", e.what()}});
    }
    s->listening = false;
    s->conn.close();
    if (s->stopped) break;
    s->pause.expires_after(reconnect_pause);
    boost::system::error_code ec;
    co_await s->pause.async_wait(asio::redirect_error(use_awaitable, ec));
  }
}

}  // namespace common::pg
