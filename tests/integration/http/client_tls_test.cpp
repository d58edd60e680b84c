// HTTP client over TLS against common::http::server with the dev certificates: verification of the CA and the
// host name, keep-alive reuse over TLS, and the client certificate of mutual TLS.
#include "client_support.hpp"
#include "common/http/server.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include "support/run_sync.hpp"
#include <boost/system/system_error.hpp>
#include <catch2/catch.hpp>

using namespace client_tests;
using test_support::cert;
using test_support::run_sync;

namespace {

common::http::router identity_routes() {
  common::http::router routes;
  routes.add("GET", "/whoami", [](common::http::request& req) -> common::awaitable<common::http::response> {
    common::http::response res;
    res.body = req.client_identity.empty() ? "anonymous" : req.client_identity;
    co_return res;
  });
  return routes;
}

/// upstream.crt (SANs localhost and 127.0.0.1), requiring client certificates from the dev CA when `mtls`.
common::http::tls_files upstream_files(bool mtls) {
  common::http::tls_files files;
  files.cert_file = cert("upstream.crt");
  files.key_file = cert("upstream.key");
  if (mtls) files.client_ca_file = cert("ca.crt");
  return files;
}

/// A dev-CA server certificate for DNS:other.example only, made with openssl under the test output directory.
common::http::tls_files other_name_files() {
  const std::string dir = test_support::output_dir() + "/client-tls";
  const std::string script =
      "set -e; mkdir -p '" + dir + "'; cd '" + dir + "'; " +
      "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=other -keyout other.key"
      " -out other.csr 2>/dev/null; printf 'subjectAltName=DNS:other.example\\nextendedKeyUsage=serverAuth\\n'"
      " > other.ext; openssl x509 -req -in other.csr -CA '" + cert("ca.crt") + "' -CAkey '" + cert("ca.key") +
      "' -CAcreateserial -CAserial other.srl -days 1 -extfile other.ext -out other.crt 2>/dev/null";
  const auto [status, output] = test_support::run_command({"/bin/bash", "-c", script});
  INFO(output);
  REQUIRE(status == 0);
  common::http::tls_files files;
  files.cert_file = dir + "/other.crt";
  files.key_file = dir + "/other.key";
  return files;
}

/// A TLS server of `routes` on `host` with the given certificate files.
struct tls_server {
  tls_server(boost::asio::io_context& io, std::string host, common::http::tls_files files)
      : io_(io), routes_(identity_routes()) {
    common::http::server_options options;
    options.name = "client-tls-test";
    options.host = std::move(host);
    options.log_requests = false;
    options.tls = std::move(files);
    server_ = std::make_unique<common::http::server>(io, options, routes_);
    server_->start();
  }
  ~tls_server() { run_sync(io_, server_->stop(std::chrono::seconds(1))); }

  std::string url(const std::string& host, std::string_view path) const {
    return "https://" + host + ":" + std::to_string(server_->port()) + std::string(path);
  }
  std::size_t accepted() const { return server_->connections_accepted(); }

private:
  boost::asio::io_context& io_;
  common::http::router routes_;
  std::unique_ptr<common::http::server> server_;
};

/// The message of the system_error `task` throws (empty when it does not throw).
std::string failure_of(boost::asio::io_context& io, common::awaitable<common::http::client_response> task) {
  try {
    run_sync(io, std::move(task));
  } catch (const boost::system::system_error& e) {
    return e.what();
  }
  return {};
}

common::http::client_options trusting_dev_ca() {
  common::http::client_options options;
  options.ca_file = cert("ca.crt");
  return options;
}

}  // namespace

TEST_CASE("client https with the dev CA succeeds and reuses its connection", "[http_client][tls]") {
  boost::asio::io_context io;
  tls_server server(io, "127.0.0.1", upstream_files(false));
  common::http::client client(io.get_executor(), trusting_dev_ca());
  for (const char* host : {"localhost", "localhost", "localhost"}) {
    common::http::client_response res = run_sync(io, fetch(client, server.url(host, "/whoami")));
    CHECK(res.status == 200);
    CHECK(res.body == "anonymous");
  }
  CHECK(client.connections_opened() == 1);
  CHECK(server.accepted() == 1);
  CHECK(run_sync(io, fetch(client, server.url("127.0.0.1", "/whoami"))).status == 200);
  CHECK(client.connections_opened() == 2);
}

TEST_CASE("client https refuses a certificate for another host name", "[http_client][tls]") {
  boost::asio::io_context io;
  tls_server server(io, "127.0.0.1", other_name_files());
  common::http::client client(io.get_executor(), trusting_dev_ca());
  CHECK_THAT(failure_of(io, fetch(client, server.url("localhost", "/whoami"))), Catch::Contains("hostname mismatch"));
  CHECK(server.accepted() == 1);
}

TEST_CASE("client https refuses a certificate for another IP address", "[http_client][tls]") {
  boost::asio::io_context io;
  tls_server server(io, "127.0.0.2", upstream_files(false));
  common::http::client client(io.get_executor(), trusting_dev_ca());
  const std::string failure = failure_of(io, fetch(client, server.url("127.0.0.2", "/whoami")));
  CHECK_THAT(failure, Catch::Contains("mismatch"));
  CHECK(server.accepted() == 1);
}

TEST_CASE("client https refuses a server certificate from an unknown CA", "[http_client][tls]") {
  boost::asio::io_context io;
  tls_server server(io, "127.0.0.1", upstream_files(false));
  common::http::client_options foreign;
  foreign.ca_file = cert("foreign-ca.crt");
  common::http::client with_foreign_ca(io.get_executor(), foreign);
  CHECK_THAT(failure_of(io, fetch(with_foreign_ca, server.url("localhost", "/whoami"))),
             Catch::Contains("unable to get local issuer certificate"));
  common::http::client with_system_cas(io.get_executor(), {});
  CHECK_THAT(failure_of(io, fetch(with_system_cas, server.url("localhost", "/whoami"))),
             Catch::Contains("unable to get local issuer certificate"));
}

TEST_CASE("client presents its certificate for mutual TLS", "[http_client][tls]") {
  boost::asio::io_context io;
  tls_server server(io, "127.0.0.1", upstream_files(true));
  common::http::client_options options = trusting_dev_ca();
  options.cert_file = cert("council-client.crt");
  options.key_file = cert("council-client.key");
  common::http::client client(io.get_executor(), options);
  common::http::client_response res = run_sync(io, fetch(client, server.url("localhost", "/whoami")));
  CHECK(res.status == 200);
  CHECK(res.body == "spiffe://council.local/council-service");

  common::http::client anonymous(io.get_executor(), trusting_dev_ca());
  const std::string refused = failure_of(io, fetch(anonymous, server.url("localhost", "/whoami")));
  INFO(refused);
  CHECK_FALSE(refused.empty());
}

TEST_CASE("client refuses half a client certificate configuration", "[http_client][tls]") {
  boost::asio::io_context io;
  common::http::client_options options;
  options.cert_file = cert("council-client.crt");
  CHECK_THROWS_AS(common::http::client(io.get_executor(), options), std::invalid_argument);
  options.cert_file.clear();
  options.ca_file = "/nonexistent/ca.crt";
  CHECK_THROWS_AS(common::http::client(io.get_executor(), options), boost::system::system_error);
}
