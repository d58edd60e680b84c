// IP networks in CIDR notation (`10.244.0.0/16`, `fd00::/8`) or single addresses, for trusted-proxy lists.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common {

/// One IPv4 or IPv6 network; IPv4-mapped IPv6 addresses are compared as IPv4.
class ip_network {
public:
  /// Parses `a.b.c.d`, `a.b.c.d/n` (n <= 32), an IPv6 address or `v6/n` (n <= 128); nullopt when malformed.
  static std::optional<ip_network> parse(std::string_view text);
  /// True when `address` (text, e.g. a peer IP) lies inside this network; false for malformed text.
  bool contains(std::string_view address) const;

private:
  std::array<unsigned char, 16> bytes_{};
  unsigned prefix_ = 0;
  bool v4_ = false;
};

/// Parses every entry of `items`; throws config::config_error naming `variable` and the bad entry.
std::vector<ip_network> parse_networks(const char* variable, const std::vector<std::string>& items);

/// The group a client address is counted under by per-address limits: an IPv4 address as it is, an IPv6 address
/// as its /64 network (`2001:db8:1:2::/64`, since one subscriber holds a whole /64); other text unchanged.
std::string address_group(std::string_view address);

/// True when `address` lies inside any of `networks`.
bool in_any(const std::vector<ip_network>& networks, std::string_view address);

}  // namespace common
