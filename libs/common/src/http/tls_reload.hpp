// A TLS context rebuilt from its files when they change on disk or on SIGHUP (internal to common_http).
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace common::http {

/// Makes every reloading_tls_context look at its files on its next use, whatever its interval (SIGHUP).
void request_tls_reload();

/// The current TLS context of a listener or client. A connection takes the context once (current()) and keeps it
/// for its whole life; a context built later serves only connections made after it. Thread-safe.
class reloading_tls_context {
public:
  /// Fills a fresh context from the files; throws std::exception naming the file that failed.
  using builder = std::function<void(boost::asio::ssl::context&)>;

  /// Builds the first context now (throws what `build` throws). `files` are the watched paths (empty ones are
  /// ignored); they are looked at, at most once per `interval`, when a connection asks for the context.
  reloading_tls_context(std::string name, boost::asio::ssl::context::method method, std::vector<std::string> files,
                        builder build, clock::duration interval);

  /// The context for a new connection. When a watched file changed (inode, size, modification or status change
  /// time) a new context is built first; when that fails it is logged once and the previous context is kept.
  std::shared_ptr<boost::asio::ssl::context> current();

private:
  std::string signature() const;
  void rebuild(const std::string& seen);

  const std::string name_;
  const boost::asio::ssl::context::method method_;
  const std::vector<std::string> files_;
  const builder build_;
  const clock::duration interval_;
  std::mutex mutex_;
  std::shared_ptr<boost::asio::ssl::context> context_;
  std::string loaded_;         // signature of the files the current context was built from
  std::string refused_;        // signature of the files that last failed to build (logged once)
  clock::time_point checked_;  // last look at the files
  std::uint64_t generation_ = 0;  // request_tls_reload() count seen at that look
};

}  // namespace common::http
