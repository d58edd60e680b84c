// resolve_host(): IP literals as they are, else the process's cache, else one c-ares lookup (dns_lookup.cpp).
#include "common/http/resolver.hpp"
#include "common/core/config.hpp"
#include "dns_cache.hpp"
#include "dns_lookup.hpp"
#include <mutex>

namespace common::http {
namespace {

/// The settings configure_dns() set, read by every thread.
struct dns_setup {
  std::mutex mutex;
  std::string servers_csv;
  clock::duration timeout = std::chrono::seconds(5);
  clock::duration max_ttl = std::chrono::seconds(300);
};

dns_setup& setup() {
  static dns_setup instance;
  return instance;
}

dns_cache& cache() {
  static dns_cache instance;
  return instance;
}

}  // namespace

dns_settings dns_settings_from_env() {
  dns_settings s;
  s.servers = config::get_list("DNS_SERVERS", {});
  s.timeout = config::get_duration("DNS_TIMEOUT", s.timeout);
  if (s.timeout <= std::chrono::milliseconds::zero()) throw config::config_error("DNS_TIMEOUT: must be more than 0");
  s.max_ttl = std::chrono::seconds(config::get_int("DNS_CACHE_MAX_TTL", s.max_ttl.count(), 0, 86400));
  return s;
}

void configure_dns(dns_settings settings) {
  std::string csv;
  for (const auto& server : settings.servers) csv += (csv.empty() ? "" : ",") + server;
  if (std::string problem = dns_servers_problem(csv); !problem.empty())
    throw config::config_error("DNS_SERVERS: " + problem);
  dns_setup& s = setup();
  std::lock_guard lock(s.mutex);
  s.servers_csv = std::move(csv);
  s.timeout = settings.timeout;
  s.max_ttl = settings.max_ttl;
  cache().clear();
}

awaitable<resolved_addresses> resolve_host(std::string host) {
  boost::system::error_code not_ip;
  const boost::asio::ip::address literal = boost::asio::ip::make_address(host, not_ip);
  if (!not_ip) co_return std::vector<boost::asio::ip::address>{literal};
  if (host.empty() || host.find('\0') != std::string::npos) co_return boost::system::error_code(boost::asio::error::host_not_found);
  if (auto cached = cache().find(host)) co_return std::move(*cached);
  std::string servers;
  clock::duration timeout;
  clock::duration max_ttl;
  {
    dns_setup& s = setup();
    std::lock_guard lock(s.mutex);
    servers = s.servers_csv;
    timeout = s.timeout;
    max_ttl = s.max_ttl;
  }
  dns_answer answer = co_await dns_lookup(host, std::move(servers), timeout);
  if (answer.ec) co_return answer.ec;
  cache().store(host, answer.addresses, std::min<clock::duration>(answer.ttl, max_ttl));
  co_return std::move(answer.addresses);
}

void clear_dns_cache() { cache().clear(); }

}  // namespace common::http
