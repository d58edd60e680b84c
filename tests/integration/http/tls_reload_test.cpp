// Rotated certificate files: a TLS listener and an mTLS client use them for new connections without a restart,
// open connections keep their session, and files that do not load leave the previous certificate in use.
#include "client_support.hpp"
#include "server_support.hpp"
#include "common/http/client.hpp"
#include "support/cert_dir.hpp"
#include "support/environment.hpp"
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>

using namespace server_tests;
using common::awaitable;
using common::use_awaitable;
using test_support::cert;
using test_support::cert_dir;
using test_support::fingerprint;
using test_support::fingerprint_of_file;
namespace ssl = boost::asio::ssl;

namespace {

using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// A client TLS session trusting the dev CA, kept open between exchanges.
struct tls_session {
  ssl::context context{ssl::context::tls_client};
  std::unique_ptr<tls_stream> stream;

  /// Connects and handshakes with the server at `endpoint`.
  awaitable<void> open(tcp::endpoint endpoint) {
    context.load_verify_file(cert("ca.crt"));
    context.set_verify_mode(ssl::verify_peer);
    auto ex = co_await asio::this_coro::executor;
    stream = std::make_unique<tls_stream>(ex, context);
    beast::get_lowest_layer(*stream).expires_after(client_deadline);
    co_await beast::get_lowest_layer(*stream).async_connect(endpoint, use_awaitable);
    co_await stream->async_handshake(ssl::stream_base::client, use_awaitable);
  }
  /// GET /ping on the open session; the status.
  awaitable<int> ping() {
    raw_request req = make_request(bhttp::verb::get, "/ping");
    raw_response res = co_await exchange(*stream, std::move(req));
    co_return static_cast<int>(res.result_int());
  }
  /// Fingerprint of the certificate the server presented.
  std::string server_certificate() const { return fingerprint(SSL_get0_peer_certificate(stream->native_handle())); }
};

/// A TLS server whose certificate and key are `files`' auth-internal pair, looking at them on every connection.
struct rotating_server {
  fixture f;

  explicit rotating_server(const cert_dir& files) {
    f.routes.add("GET", "/ping", [](common::http::request&) -> awaitable<common::http::response> {
      common::http::response res;
      res.body = "pong";
      co_return res;
    });
    common::http::server_options options;
    options.log_requests = false;
    options.tls = common::http::tls_files{files.path("auth-internal.crt"), files.path("auth-internal.key"), ""};
    options.tls_reload_interval = std::chrono::seconds(0);
    f.start(options);
  }
  /// A new session; its server certificate's fingerprint after one successful exchange.
  std::string new_connection_certificate() {
    tls_session session;
    f.run(session.open(f.endpoint()));
    REQUIRE(f.run(session.ping()) == 200);
    return session.server_certificate();
  }
};

}  // namespace

TEST_CASE("a TLS listener serves rotated certificate files to new connections and keeps open ones going",
          "[server][tls][reload]") {
  cert_dir files({"auth-internal.crt", "auth-internal.key"});
  rotating_server server(files);
  const std::string before = fingerprint_of_file(files.path("auth-internal.crt"));
  tls_session open_before;
  server.f.run(open_before.open(server.f.endpoint()));
  REQUIRE(server.f.run(open_before.ping()) == 200);
  CHECK(open_before.server_certificate() == before);

  const std::string fresh = files.issue_new_leaves();
  files.rotate("auth-internal", fresh);
  const std::string after = fingerprint_of_file(files.path("auth-internal.crt"));
  REQUIRE(after != before);

  CHECK(server.new_connection_certificate() == after);
  CHECK(server.f.run(open_before.ping()) == 200);  // the session made before the rotation still serves requests
  CHECK(open_before.server_certificate() == before);
}

TEST_CASE("a TLS listener keeps its certificate when the new files do not load", "[server][tls][reload]") {
  cert_dir files({"auth-internal.crt", "auth-internal.key"});
  rotating_server server(files);
  const std::string before = fingerprint_of_file(files.path("auth-internal.crt"));
  const std::string fresh = files.issue_new_leaves();

  SECTION("a certificate file that is not PEM") {
    files.write("auth-internal.crt", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n");
    CHECK(server.new_connection_certificate() == before);
    CHECK(server.new_connection_certificate() == before);
  }
  SECTION("a new key whose certificate has not arrived yet, then the certificate") {
    files.replace("auth-internal.key", fresh + "/auth-internal.key");
    CHECK(server.new_connection_certificate() == before);
    files.replace("auth-internal.crt", fresh + "/auth-internal.crt");
    CHECK(server.new_connection_certificate() == fingerprint_of_file(fresh + "/auth-internal.crt"));
  }
  SECTION("a missing key file") {
    std::filesystem::remove(files.path("auth-internal.key"));
    CHECK(server.new_connection_certificate() == before);
  }
}

TEST_CASE("an mTLS client presents rotated certificate files on its new connections", "[http_client][tls][reload]") {
  cert_dir files({"ca.crt"});
  files.replace("client.crt", cert("intruder-client.crt"));
  files.replace("client.key", cert("intruder-client.key"));
  fixture f;
  f.routes.add("GET", "/whoami", [](common::http::request& req) -> awaitable<common::http::response> {
    common::http::response res;
    res.body = req.client_identity;
    co_return res;
  });
  common::http::server_options server_options;
  server_options.log_requests = false;
  server_options.tls = common::http::tls_files{cert("upstream.crt"), cert("upstream.key"), cert("ca.crt")};
  f.start(server_options);

  common::http::client_options options;
  options.ca_file = files.path("ca.crt");
  options.cert_file = files.path("client.crt");
  options.key_file = files.path("client.key");
  options.tls_reload_interval = std::chrono::seconds(0);
  common::http::client pooled(f.io.get_executor(), options);
  options.max_idle_per_host = 0;  // a new connection for every request
  common::http::client fresh(f.io.get_executor(), options);
  const std::string url = "https://127.0.0.1:" + std::to_string(f.server->port()) + "/whoami";
  auto identity = [&](common::http::client& c) { return f.run(client_tests::fetch(c, url)).body; };

  CHECK(identity(pooled) == "spiffe://council.local/intruder");
  CHECK(identity(fresh) == "spiffe://council.local/intruder");

  files.replace("client.key", cert("council-client.key"));
  files.replace("client.crt", cert("council-client.crt"));
  CHECK(identity(fresh) == "spiffe://council.local/council-service");
  CHECK(identity(pooled) == "spiffe://council.local/intruder");  // its kept-alive connection stays as it was
  CHECK(pooled.connections_opened() == 1);

  files.write("client.crt", "garbage");
  CHECK(identity(fresh) == "spiffe://council.local/council-service");
}
