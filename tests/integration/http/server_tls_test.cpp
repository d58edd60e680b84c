// HTTP server over TLS and mutual TLS with the dev certificates: refused clients and the URI SAN identity.
#include "server_support.hpp"
#include "support/environment.hpp"
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <optional>

using namespace server_tests;
using namespace common::http;
using boost::system::error_code;
using common::awaitable;
using common::use_awaitable;
using test_support::cert;
namespace ssl = boost::asio::ssl;

namespace {

using tls_stream = beast::ssl_stream<beast::tcp_stream>;

// Client context trusting the dev CA, presenting `client` (a make-certs name) when not empty.
ssl::context client_context(const std::string& client) {
  ssl::context ctx(ssl::context::tls_client);
  ctx.load_verify_file(cert("ca.crt"));
  ctx.set_verify_mode(ssl::verify_peer);
  if (!client.empty()) {
    ctx.use_certificate_chain_file(cert(client + ".crt"));
    ctx.use_private_key_file(cert(client + ".key"), ssl::context::pem);
  }
  return ctx;
}

struct outcome {
  std::optional<raw_response> response;
  error_code error;
};

// One GET over TLS to `localhost` (verified); the error when the TLS session or the exchange fails.
awaitable<outcome> tls_get(tcp::endpoint endpoint, ssl::context& ctx, std::string target) {
  auto ex = co_await asio::this_coro::executor;
  tls_stream stream(ex, ctx);
  SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
  stream.set_verify_callback(ssl::host_name_verification("localhost"));
  outcome out;
  try {
    beast::get_lowest_layer(stream).expires_after(client_deadline);
    co_await beast::get_lowest_layer(stream).async_connect(endpoint, use_awaitable);
    co_await stream.async_handshake(ssl::stream_base::client, use_awaitable);
    raw_request req = make_request(bhttp::verb::get, target);
    raw_response res = co_await exchange(stream, std::move(req));
    out.response = std::move(res);
  } catch (const boost::system::system_error& e) {
    out.error = e.code();
  }
  co_return out;
}

tls_files server_files(bool mutual) {
  tls_files files;
  files.cert_file = cert("auth-internal.crt");
  files.key_file = cert("auth-internal.key");
  if (mutual) files.client_ca_file = cert("ca.crt");
  return files;
}

struct tls_fixture {
  fixture f;
  int calls = 0;

  explicit tls_fixture(bool mutual) {
    f.routes.add("GET", "/whoami", [this](request& req) -> awaitable<response> {
      ++calls;
      boost::json::object body;
      body["identity"] = req.client_identity;
      co_return json(200, body);
    });
    server_options options;
    options.tls = server_files(mutual);
    f.start(options);
  }

  outcome get(const std::string& client, std::string target = "/whoami") {
    ssl::context ctx = client_context(client);
    return f.run(tls_get(f.endpoint(), ctx, std::move(target)));
  }
};

std::string identity_of(const outcome& out) {
  return std::string(boost::json::parse(out.response->body()).as_object().at("identity").as_string());
}

}  // namespace

TEST_CASE("mutual TLS hands the client certificate's URI SAN to the handler", "[server][tls]") {
  tls_fixture t(true);
  auto council = t.get("council-client");
  REQUIRE(council.response.has_value());
  CHECK(council.response->result_int() == 200);
  CHECK(identity_of(council) == "spiffe://council.local/council-service");

  auto intruder = t.get("intruder-client");
  REQUIRE(intruder.response.has_value());
  CHECK(identity_of(intruder) == "spiffe://council.local/intruder");

  auto health = t.get("council-client", "/healthz");
  REQUIRE(health.response.has_value());
  CHECK(health.response->result_int() == 200);
  CHECK(t.calls == 2);
}

TEST_CASE("mutual TLS refuses a client without a certificate or with one from another CA", "[server][tls]") {
  tls_fixture t(true);
  auto anonymous = t.get("");
  CHECK_FALSE(anonymous.response.has_value());
  CHECK(anonymous.error);
  CHECK(anonymous.error != beast::error::timeout);

  auto foreign = t.get("foreign-client");
  CHECK_FALSE(foreign.response.has_value());
  CHECK(foreign.error);
  CHECK(foreign.error != beast::error::timeout);

  CHECK(t.calls == 0);
  auto council = t.get("council-client");
  REQUIRE(council.response.has_value());
  CHECK(council.response->result_int() == 200);
  CHECK(t.calls == 1);
}

TEST_CASE("TLS without a client CA serves anonymous clients with an empty identity", "[server][tls]") {
  tls_fixture t(false);
  auto anonymous = t.get("");
  REQUIRE(anonymous.response.has_value());
  CHECK(anonymous.response->result_int() == 200);
  CHECK(identity_of(anonymous) == "");
}

TEST_CASE("a TLS server with a missing certificate file fails to start with a clear error", "[server][tls]") {
  boost::asio::io_context io;
  router routes;
  server_options options;
  options.name = "broken";
  options.tls = server_files(false);
  options.tls->cert_file = cert("missing.crt");
  server s(io, options, routes);
  CHECK_THROWS_WITH(s.start(), Catch::Contains("missing.crt") && Catch::Contains("broken"));
}
