// DNS through the HTTP client's resolver against a test DNS server: a lookup that never gets an answer ends at
// its deadline without holding up others, answers are cached for their TTL, and vetted addresses are the ones
// connected to (no second resolution).
#include "client_support.hpp"
#include "common/http/endpoint_guard.hpp"
#include "common/http/resolver.hpp"
#include "support/dns_stub.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
namespace http = common::http;
namespace asio = boost::asio;

namespace {

/// Points the process's resolver at `stub` for the test's lifetime, then back to the system's settings.
struct resolver_at {
  explicit resolver_at(const test_support::dns_stub& stub, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    http::dns_settings settings;
    settings.servers = {stub.server()};
    settings.timeout = timeout;
    http::configure_dns(settings);
  }
  ~resolver_at() { http::configure_dns(http::dns_settings{}); }
};

}  // namespace

TEST_CASE("a lookup that is never answered ends at its deadline and holds up no other lookup", "[http][dns]") {
  test_support::dns_stub stub({{"good.test", "127.0.0.1"}}, {"stall.test"});
  resolver_at resolver(stub);
  asio::io_context io;
  std::vector<std::string> finished;
  http::resolved_addresses stalled = std::vector<asio::ip::address>{};
  http::resolved_addresses good = std::vector<asio::ip::address>{};
  auto lookup = [&](std::string name, http::resolved_addresses& out) -> common::awaitable<void> {
    out = co_await http::resolve_host(name);
    finished.push_back(name);
  };
  asio::co_spawn(io, lookup("stall.test", stalled), asio::detached);
  asio::co_spawn(io, lookup("good.test", good), asio::detached);
  io.run();
  REQUIRE(finished == std::vector<std::string>{"good.test", "stall.test"});
  REQUIRE(good.has_value());
  CHECK(*good == std::vector<asio::ip::address>{asio::ip::make_address("127.0.0.1")});
  REQUIRE_FALSE(stalled.has_value());
  CHECK(stalled.error() == asio::error::timed_out);
  CHECK(stub.queries("stall.test") >= 1);
}

TEST_CASE("answers are cached for their TTL; unknown names fail", "[http][dns]") {
  test_support::dns_stub stub({{"cached.test", "127.0.0.1"}}, {});
  resolver_at resolver(stub);
  asio::io_context io;
  REQUIRE(test_support::run_sync(io, http::resolve_host("cached.test")).has_value());
  const int asked = stub.queries("cached.test");
  CHECK(asked >= 1);
  REQUIRE(test_support::run_sync(io, http::resolve_host("cached.test")).has_value());
  CHECK(stub.queries("cached.test") == asked);
  auto missing = test_support::run_sync(io, http::resolve_host("missing.test"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error() == asio::error::host_not_found);
}

TEST_CASE("an answer with TTL 0 is not cached", "[http][dns]") {
  test_support::dns_stub stub({{"fleeting.test", "127.0.0.1"}}, {}, 0);
  resolver_at resolver(stub);
  asio::io_context io;
  REQUIRE(test_support::run_sync(io, http::resolve_host("fleeting.test")).has_value());
  const int asked = stub.queries("fleeting.test");
  REQUIRE(test_support::run_sync(io, http::resolve_host("fleeting.test")).has_value());
  CHECK(stub.queries("fleeting.test") > asked);
}

TEST_CASE("the HTTP client resolves through the configured servers and honours pinned addresses", "[http][dns]") {
  test_support::dns_stub stub({{"upstream.test", "127.0.0.1"}}, {"stall.test"});
  resolver_at resolver(stub);
  asio::io_context io;
  raw_server server(io, [](tcp::socket socket, std::size_t) -> common::awaitable<void> {
    std::string pending, head;
    while (co_await read_head(socket, pending, head)) {
      std::string reply = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
      co_await asio::async_write(socket, asio::buffer(reply), common::use_awaitable);
    }
  });
  http::client client(io.get_executor(), {});
  const std::string port = std::to_string(server.port());

  http::client_request by_name;
  by_name.url = "http://upstream.test:" + port + "/";
  CHECK(test_support::run_sync(io, client.send(std::move(by_name))).body == "ok");

  http::client_request pinned;
  pinned.url = "http://stall.test:" + port + "/";  // never answered: only the pinned address can work
  pinned.connect_to = {asio::ip::make_address("127.0.0.1")};
  const int asked = stub.queries("stall.test");
  CHECK(test_support::run_sync(io, client.send(std::move(pinned))).body == "ok");
  CHECK(stub.queries("stall.test") == asked);
}

TEST_CASE("vet_endpoint checks the resolved addresses and hands them on to connect to", "[http][dns][endpoint]") {
  test_support::dns_stub stub({{"public.test", "8.8.8.8"}, {"inside.test", "10.1.2.3"}}, {"stall.test"});
  resolver_at resolver(stub, std::chrono::seconds(1));
  asio::io_context io;
  auto vetted = test_support::run_sync(io, http::vet_endpoint("https://public.test/api/v1", false));
  REQUIRE(vetted);
  CHECK(vetted->base_url == "https://public.test/api/v1");
  CHECK(vetted->addresses == std::vector<asio::ip::address>{asio::ip::make_address("8.8.8.8")});
  auto inside = test_support::run_sync(io, http::vet_endpoint("https://inside.test/api/v1", false));
  REQUIRE_FALSE(inside);
  CHECK(inside.error() == "endpoint: inside.test is a private, loopback or link-local address");
  auto stalled = test_support::run_sync(io, http::vet_endpoint("https://stall.test/api/v1", false));
  REQUIRE_FALSE(stalled.has_value());
  CHECK(stalled.error() == "endpoint: stall.test cannot be resolved");
}
