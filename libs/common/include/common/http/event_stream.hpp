// Server-sent events output: one flushed frame per call.
#pragma once
#include "common/core/asio.hpp"
#include <cstdint>
#include <string_view>

namespace common::http {

/// Writes `text/event-stream` frames to one client; every call flushes.
class event_stream {
public:
  virtual ~event_stream() = default;
  /// Sends `id: <n>\ndata: <json>\n\n`, n counting 1, 2, 3 ... per stream; false once the client is gone.
  virtual awaitable<bool> send(std::string_view json_text) = 0;
  /// Sends `id: <id>\ndata: <json>\n\n` (later send() calls count on from `id`); false once the client is gone.
  virtual awaitable<bool> send(std::string_view json_text, std::uint64_t id) = 0;
  /// Sends a `: <text>\n\n` comment, used as heartbeat; false once the client is gone.
  virtual awaitable<bool> comment(std::string_view text) = 0;
};

}  // namespace common::http
