// One c-ares name lookup driven by the caller's io_context: its own channel, sockets and deadline.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace common::http {

/// What a lookup found: addresses and the smallest TTL among them, or the failure.
struct dns_answer {
  boost::system::error_code ec;
  std::vector<boost::asio::ip::address> addresses;
  std::chrono::seconds ttl{0};
};

/// Resolves `host` (A and AAAA, /etc/hosts first) with c-ares on the current executor, through `servers_csv`
/// (c-ares' `ip[:port],...` form; empty: /etc/resolv.conf). Ends by `timeout` with asio::error::timed_out;
/// a cancelled caller ends it too. Never blocks the thread and shares nothing with other lookups.
awaitable<dns_answer> dns_lookup(std::string host, std::string servers_csv, clock::duration timeout);

/// Empty when c-ares accepts `servers_csv` as a server list, else its error text.
std::string dns_servers_problem(const std::string& servers_csv);

}  // namespace common::http
