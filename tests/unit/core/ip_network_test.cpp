// CIDR parsing and matching for TRUSTED_PROXIES (prefixes on byte and bit boundaries, IPv6, bad input) and the /64
// grouping of per-address limits.
#include "common/core/config.hpp"
#include "common/core/ip_network.hpp"
#include <catch2/catch.hpp>

using common::ip_network;

TEST_CASE("ip_network matches addresses inside its prefix only", "[core][ip]") {
  auto pods = ip_network::parse("10.244.0.0/16");
  REQUIRE(pods);
  CHECK(pods->contains("10.244.0.1"));
  CHECK(pods->contains("10.244.255.255"));
  CHECK(pods->contains("::ffff:10.244.1.2"));  // IPv4-mapped IPv6 peer
  CHECK_FALSE(pods->contains("10.245.0.1"));
  CHECK_FALSE(pods->contains("not an address"));
  CHECK_FALSE(pods->contains("fd00::1"));

  auto odd = ip_network::parse("192.168.8.0/21");  // not on a byte boundary: 192.168.8.0 - 192.168.15.255
  REQUIRE(odd);
  CHECK(odd->contains("192.168.15.200"));
  CHECK_FALSE(odd->contains("192.168.16.0"));
  CHECK_FALSE(odd->contains("192.168.7.255"));

  auto single = ip_network::parse("127.0.0.1");
  REQUIRE(single);
  CHECK(single->contains("127.0.0.1"));
  CHECK_FALSE(single->contains("127.0.0.2"));

  auto everything = ip_network::parse("0.0.0.0/0");
  REQUIRE(everything);
  CHECK(everything->contains("203.0.113.7"));

  auto v6 = ip_network::parse("fd00::/8");
  REQUIRE(v6);
  CHECK(v6->contains("fd12:3456::1"));
  CHECK_FALSE(v6->contains("fe80::1"));
  CHECK(ip_network::parse("::1")->contains("::1"));
}

TEST_CASE("malformed networks are refused with the variable and entry named", "[core][ip]") {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0/8", "fd00::/129", "host.local", "/8", "10.0.0.0/8/8"})
    CHECK_FALSE(ip_network::parse(bad));
  CHECK_THROWS_WITH(common::parse_networks("TRUSTED_PROXIES", {"10.0.0.1", "10.0.0.0/40"}),
                    Catch::Contains("TRUSTED_PROXIES") && Catch::Contains("10.0.0.0/40"));
  CHECK(common::parse_networks("TRUSTED_PROXIES", {"10.0.0.1", "fd00::/8"}).size() == 2);
}

TEST_CASE("per-address limits group IPv6 clients by /64 and keep IPv4 addresses", "[core][ip]") {
  CHECK(common::address_group("203.0.113.7") == "203.0.113.7");
  CHECK(common::address_group("::ffff:203.0.113.7") == "203.0.113.7");
  CHECK(common::address_group("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
  CHECK(common::address_group("2001:db8:1:2::1") == common::address_group("2001:db8:1:2::ffff"));
  CHECK(common::address_group("2001:db8:1:3::1") != common::address_group("2001:db8:1:2::1"));
  CHECK(common::address_group("not an address") == "not an address");
}
