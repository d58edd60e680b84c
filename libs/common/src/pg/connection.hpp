// One non-blocking libpq connection whose socket waits run on the io_context (internal to common_pg).
#pragma once
#include "common/core/asio.hpp"
#include "common/pg/listener.hpp"
#include "common/pg/pool.hpp"
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <libpq-fe.h>
#include <string>
#include <unordered_map>

namespace common::pg {

/// A libpq connection. A timeout, a cancelled wait or a lost server closes it; closed() then stays true.
class connection {
public:
  explicit connection(executor ex);
  ~connection();
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  /// Connects within `timeout`; throws error (connection_lost or timeout) and leaves the connection closed.
  awaitable<void> open(std::string conninfo, clock::duration timeout);
  /// Runs one parameterised statement (extended protocol, text results) within `timeout`. The statement is
  /// prepared on this connection the first time its text and parameter types are seen, then reused.
  awaitable<result> query(std::string sql, params p, clock::duration timeout);
  /// Statements prepared on this connection so far.
  std::size_t prepared_count() const { return prepared_.size(); }
  /// Runs a multi-statement script (simple protocol, no parameters) within `timeout`.
  awaitable<void> script(std::string sql, clock::duration timeout);

  /// Notifications (LISTEN) already received, else those that arrive within `timeout` (none when it passes);
  /// throws error (connection_lost) when the server hangs up.
  awaitable<std::vector<notification>> notifications(clock::duration timeout);

  /// True when open, outside any transaction, the server has sent nothing since (no hang-up), and no statement or
  /// row of it was larger than 512 KiB (libpq never shrinks the buffers such a message grew, so the connection is
  /// closed rather than kept idle with them; docs/performance.md, "Memory per run").
  bool reusable() const;
  /// True once closed (never opened, failed, timed out or lost).
  bool closed() const { return conn_ == nullptr; }
  /// Hands the socket back to libpq and ends the session (the server rolls back an open transaction).
  void close();

private:
  enum class wait_for { read, write, read_or_write };
  enum class readiness { readable, writable, timed_out };
  awaitable<readiness> wait(wait_for what, asio::steady_timer& deadline);
  awaitable<void> flush(asio::steady_timer& deadline);
  awaitable<result> collect(std::string_view sql, asio::steady_timer& deadline);
  awaitable<const std::string*> prepared_name(const std::string& sql, const params& p, asio::steady_timer& deadline);
  void attach_socket();
  std::vector<notification> take_notifications();
  [[noreturn]] void fail(const char* sqlstate);
  [[noreturn]] void time_out(const char* message);

  executor ex_;
  PGconn* conn_ = nullptr;
  asio::posix::stream_descriptor socket_;
  std::unordered_map<std::string, std::string> prepared_;  // statement text + parameter types -> name
  bool oversized_ = false;  // a message beyond the retained-buffer limit went through: not reused
};

}  // namespace common::pg
