// A misbehaving OpenAI-compatible upstream for fault-injection tests, on its own thread: per model it answers,
// hangs, resets the connection, sends bytes that are not HTTP, or sends a good answer one byte at a time.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace council_test {

/// What the upstream does with one chat request.
enum class fault { none, hang, reset, garbage, drip };

/// Listens on 127.0.0.1 (free port); every connection carries one request and is closed after it.
class faulty_upstream {
public:
  faulty_upstream();
  ~faulty_upstream();
  faulty_upstream(const faulty_upstream&) = delete;
  faulty_upstream& operator=(const faulty_upstream&) = delete;

  /// Sets the fault for `model` (fault::none: a plain answer, the default for every model).
  void set(const std::string& model, fault mode);
  /// Every model answers plainly again.
  void clear();
  /// OPENROUTER_BASE_URL for it.
  std::string base_url() const;
  /// Chat requests received for `model` so far.
  int requests(const std::string& model) const;

private:
  void accept();
  fault mode_for(const std::string& model);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;  // read before the thread starts (the acceptor is the thread's from then on)
  mutable std::mutex mutex_;
  std::map<std::string, fault> modes_;
  std::map<std::string, int> counts_;
  std::thread thread_;
};

}  // namespace council_test
