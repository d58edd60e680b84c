// Unit tests of the custom endpoint policy (libs/common, used by both services): https only, no internal addresses.
#include "common/http/endpoint_guard.hpp"
#include "common/http/endpoint_policy.hpp"
#include "support/run_sync.hpp"
#include <catch2/catch.hpp>

using namespace common::http;

TEST_CASE("only absolute https URLs without credentials are endpoints", "[council][endpoint]") {
  auto ok = parse_endpoint("https://api.example.com/v1/");
  REQUIRE(ok.has_value());
  CHECK(ok->base_url == "https://api.example.com/v1");
  CHECK(ok->host == "api.example.com");
  CHECK(ok->port == "443");
  auto port = parse_endpoint("https://[2001:4860::8888]:8443/api");
  REQUIRE(port.has_value());
  CHECK(port->host == "2001:4860::8888");
  CHECK(port->port == "8443");
  CHECK(parse_endpoint("http://api.example.com").error() == "endpoint: must use https");
  CHECK_FALSE(parse_endpoint("https://user:pw@api.example.com").has_value());
  CHECK_FALSE(parse_endpoint("https://api.example.com/v1?x=1").has_value());
  CHECK_FALSE(parse_endpoint("not a url").has_value());
  CHECK_FALSE(parse_endpoint("https:///nohost").has_value());
}

TEST_CASE("an endpoint's port is one the HTTP client can connect to", "[council][endpoint]") {
  // Found by tests/fuzz/endpoint_fuzz (corpus/endpoint/url_port_*): vetted, then refused by the
  // HTTP client on every run (empty, 0) or connected to another port (99999 wrapped to 34463).
  for (const char* url : {"https://8.8.8.8:/", "https://8.8.8.8:0/v1", "https://8.8.8.8:65536", "https://8.8.8.8:99999/"}) {
    INFO(url);
    CHECK(parse_endpoint(url).error() == "endpoint: the port must be a number from 1 to 65535");
  }
  CHECK(parse_endpoint("https://8.8.8.8:65535/v1")->port == "65535");
  CHECK(parse_endpoint("https://8.8.8.8:1")->port == "1");
}

TEST_CASE("the vetted host is the host the HTTP client connects to", "[council][endpoint]") {
  // Found by tests/fuzz/endpoint_fuzz (corpus/endpoint/url_bracket_name): a name decoding to "[1.0.0.007" was
  // vetted as "1.0.0.00" (its first and last characters cut as if they were an IP literal's brackets).
  CHECK_FALSE(parse_endpoint("https://%5b1.0.0.007/").has_value());  // now refused as a non-canonical numeric host (below)
  CHECK(parse_endpoint("https://%31%32%37.0.0.1/")->host == "127.0.0.1");
  CHECK(parse_endpoint("https://[::ffff:127.0.0.1]/")->host == "::ffff:127.0.0.1");
  CHECK(parse_endpoint("https://[v1.fe80::1]/")->host == "v1.fe80::1");
  boost::asio::io_context io;
  CHECK_FALSE(test_support::run_sync(io, vet_endpoint("https://%5b1.0.0.007/", false)));
}

TEST_CASE("a numeric host is accepted only as a dotted-decimal IPv4 address", "[council][endpoint]") {
  // Found by tests/fuzz/endpoint_fuzz (corpus/endpoint/url_octal): glibc reads 0177.0.0.1 as 127.0.0.1 (octal),
  // c-ares as 177.0.0.1; a host two resolvers read differently is refused before either is asked.
  for (const char* url : {"https://0177.0.0.1/", "https://127.1/", "https://2130706433/", "https://0x7f.1/",
                          "https://0x7F000001/", "https://8.8.8.010/", "https://host.0x/",
                          "https://example.123/"}) {
    INFO(url);
    CHECK(parse_endpoint(url).error() == "endpoint: a numeric host must be written as a dotted-decimal IPv4 address");
  }
  for (const char* url : {"https://8.8.8.8/", "https://8.8.8.8./", "https://1.2.3.4x/", "https://0x.example.com/", "https://api.7b.io/",
                          "https://[2001:4860::8888]/"}) {
    INFO(url);
    CHECK(parse_endpoint(url).has_value());
  }
}

TEST_CASE("loopback, private, link-local and special addresses are not public", "[council][endpoint]") {
  for (const char* ip : {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                         "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1",
                         "2001:db8::1", "192.0.2.1", "not-an-ip"}) {
    INFO(ip);
    CHECK_FALSE(is_public_address(ip));
  }
  for (const char* ip : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"}) {
    INFO(ip);
    CHECK(is_public_address(ip));
  }
}

TEST_CASE("vet_endpoint refuses loopback hosts and names unless private addresses are allowed", "[council][endpoint]") {
  boost::asio::io_context io;
  auto literal = test_support::run_sync(io, vet_endpoint("https://127.0.0.1:9443/api", false));
  REQUIRE_FALSE(literal);
  CHECK(literal.error().find("private, loopback or link-local") != std::string::npos);
  auto named = test_support::run_sync(io, vet_endpoint("https://localhost/api", false));
  REQUIRE_FALSE(named);
  auto metadata = test_support::run_sync(io, vet_endpoint("https://169.254.169.254/", false));
  CHECK_FALSE(metadata);
  auto allowed = test_support::run_sync(io, vet_endpoint("https://127.0.0.1:9443/api/", true));
  REQUIRE(allowed);
  CHECK(allowed->base_url == "https://127.0.0.1:9443/api");
  auto plain = test_support::run_sync(io, vet_endpoint("http://127.0.0.1:9443/api", true));
  CHECK_FALSE(plain);
  auto public_ip = test_support::run_sync(io, vet_endpoint("https://8.8.8.8/v1", false));
  CHECK(public_ip);
}
