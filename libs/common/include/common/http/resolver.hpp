// Host name resolution for outgoing connections: c-ares lookups with a deadline each, and a TTL-honouring cache.
#pragma once
#include "common/core/asio.hpp"
#include <boost/asio/ip/address.hpp>
#include <boost/system/result.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace common::http {

/// How host names are resolved (both services).
struct dns_settings {
  std::vector<std::string> servers;         // DNS_SERVERS: `ip` or `ip:port` items; empty: /etc/resolv.conf's
  std::chrono::milliseconds timeout{5000};  // DNS_TIMEOUT: deadline of one lookup
  std::chrono::seconds max_ttl{300};        // DNS_CACHE_MAX_TTL: answers are cached for their TTL, at most this
};

/// Reads DNS_SERVERS, DNS_TIMEOUT and DNS_CACHE_MAX_TTL; throws config::config_error naming the first bad one.
dns_settings dns_settings_from_env();

/// Addresses of one host name, IPv4 and IPv6.
using resolved_addresses = boost::system::result<std::vector<boost::asio::ip::address>>;

/// Sets the process's DNS settings (servers, per-lookup deadline, cache cap); call once at start-up.
/// Throws config::config_error naming DNS_SERVERS when c-ares refuses the server list.
void configure_dns(dns_settings settings);

/// The addresses of `host`: the literal itself for an IP address, else from the cache or one lookup that
/// ends within the configured deadline (asio::error::timed_out), independent of every other lookup.
/// Errors: host_not_found when the name has no address, timed_out, or another resolver failure.
awaitable<resolved_addresses> resolve_host(std::string host);

/// Forgets every cached answer (tests).
void clear_dns_cache();

}  // namespace common::http
