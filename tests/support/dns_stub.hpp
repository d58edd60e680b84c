// A tiny UDP DNS server for tests, on its own thread: answers A queries of some names, never answers others.
#pragma once
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace test_support {

/// Listens on 127.0.0.1 (free port). A query for a name in `answers` gets its IPv4 address (A) with `ttl`
/// seconds, or an empty answer (AAAA and other types); a name in `silent` gets no reply at all; any other
/// name gets NXDOMAIN. Names are compared lower-case without the trailing dot.
class dns_stub {
public:
  dns_stub(std::map<std::string, std::string> answers, std::set<std::string> silent, std::uint32_t ttl = 300);
  ~dns_stub();
  dns_stub(const dns_stub&) = delete;
  dns_stub& operator=(const dns_stub&) = delete;

  /// "127.0.0.1:<port>", the form of DNS_SERVERS.
  std::string server() const;
  /// Queries received for `name` so far (any type).
  int queries(const std::string& name) const;

private:
  void receive();
  std::string reply_to(const std::string& query);

  std::map<std::string, std::string> answers_;
  std::set<std::string> silent_;
  std::uint32_t ttl_;
  boost::asio::io_context io_;
  boost::asio::ip::udp::socket socket_;
  unsigned short port_ = 0;  // read before the thread starts (the socket is the thread's from then on)
  boost::asio::ip::udp::endpoint peer_;
  char buffer_[1500];
  mutable std::mutex mutex_;
  std::map<std::string, int> counts_;
  std::thread thread_;
};

}  // namespace test_support
