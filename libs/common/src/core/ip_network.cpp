// CIDR parsing and prefix matching on the address bytes.
#include "common/core/ip_network.hpp"
#include "common/core/config.hpp"
#include <boost/asio/ip/address.hpp>
#include <algorithm>
#include <charconv>

namespace common {
namespace {

/// The address as (bytes, is IPv4), IPv4-mapped IPv6 folded to IPv4; nullopt when not an address.
std::optional<std::pair<std::array<unsigned char, 16>, bool>> address_bytes(std::string_view text) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  std::array<unsigned char, 16> out{};
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) addr = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, addr.to_v6());
  if (addr.is_v4()) {
    auto b = addr.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
    return std::pair{out, true};
  }
  auto b = addr.to_v6().to_bytes();
  std::copy(b.begin(), b.end(), out.begin());
  return std::pair{out, false};
}

}  // namespace

std::optional<ip_network> ip_network::parse(std::string_view text) {
  auto slash = text.find('/');
  auto addr = address_bytes(text.substr(0, slash));
  if (!addr) return std::nullopt;
  ip_network net;
  net.bytes_ = addr->first;
  net.v4_ = addr->second;
  const unsigned max_prefix = net.v4_ ? 32 : 128;
  net.prefix_ = max_prefix;
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    unsigned prefix = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || prefix > max_prefix) return std::nullopt;
    net.prefix_ = prefix;
  }
  return net;
}

bool ip_network::contains(std::string_view address) const {
  auto addr = address_bytes(address);
  if (!addr || addr->second != v4_) return false;
  unsigned bits = prefix_;
  for (std::size_t i = 0; bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    const unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if ((addr->first[i] & mask) != (bytes_[i] & mask)) return false;
  }
  return true;
}

std::string address_group(std::string_view address) {
  auto addr = address_bytes(address);
  if (!addr) return std::string(address);
  if (addr->second) return boost::asio::ip::make_address_v4(std::array{addr->first[0], addr->first[1], addr->first[2], addr->first[3]}).to_string();
  std::array<unsigned char, 16> network{};
  std::copy_n(addr->first.begin(), 8, network.begin());
  return boost::asio::ip::make_address_v6(network).to_string() + "/64";
}

std::vector<ip_network> parse_networks(const char* variable, const std::vector<std::string>& items) {
  std::vector<ip_network> out;
  for (const auto& item : items) {
    auto net = ip_network::parse(item);
    if (!net)
      throw config::config_error(std::string(variable) + ": '" + item +
                                 "' is not an IP address or network (examples: 10.0.0.1, 10.244.0.0/16, fd00::/8)");
    out.push_back(*net);
  }
  return out;
}

bool in_any(const std::vector<ip_network>& networks, std::string_view address) {
  return std::any_of(networks.begin(), networks.end(), [&](const ip_network& n) { return n.contains(address); });
}

}  // namespace common
