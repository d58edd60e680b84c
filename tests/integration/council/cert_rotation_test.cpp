// Certificate rotation on the running stack: the auth service's internal certificate and the council's client
// certificate are replaced by new CA-signed leaves while council runs and mTLS key fetches are in flight; no run
// fails, new connections present the new certificates, a bad file keeps the previous one, SIGHUP reloads at once.
#include "integration/council/council_fixture.hpp"
#include "support/cert_dir.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

using namespace council_test;
using test_support::cert_dir;
using test_support::fingerprint_of_file;
namespace json = boost::json;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {

const std::string key_a = "sk-or-v1-rotation-test-key-0001";

/// What the load threads saw: completed requests and every failure.
struct tally {
  std::atomic<int> completed{0};
  std::mutex mutex;
  std::vector<std::string> failures;

  void fail(std::string what) {
    std::lock_guard lock(mutex);
    failures.push_back(std::move(what));
  }
};

/// Sends `make()`'s request again and again on its own io_context until `stop`; a request passes when `passed`.
template <class Make, class Passed>
void keep_sending(const common::http::client_options& options, Make make, Passed passed, const std::atomic<bool>& stop,
                  tally& t) {
  boost::asio::io_context io;
  common::http::client client(io.get_executor(), options);
  while (!stop) {
    try {
      common::http::client_response r = test_support::run_sync(io, client.send(make()));
      if (passed(r)) {
        ++t.completed;
      } else {
        t.fail(std::to_string(r.status) + " " + r.body.substr(0, 300));
      }
    } catch (const std::exception& e) {
      t.fail(e.what());
    }
  }
}

/// A non-streamed council run whose answer has a stage-3 response and no recorded errors.
bool run_completed(const common::http::client_response& r) {
  if (r.status != 200) return false;
  const json::value v = json::parse(r.body);
  const json::object& stage3 = v.at("stage3").as_object();
  const json::object& metadata = v.at("metadata").as_object();
  const json::value* errors = metadata.if_contains("errors");
  return !stage3.at("response").as_string().empty() && (!errors || errors->as_array().empty());
}

/// Fingerprint of the certificate presented on a new TLS connection to 127.0.0.1:`port` (trusting the dev CA).
std::string served_certificate(unsigned short port) {
  boost::asio::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.load_verify_file(test_support::cert("ca.crt"));
  context.use_certificate_chain_file(test_support::cert("council-client.crt"));
  context.use_private_key_file(test_support::cert("council-client.key"), ssl::context::pem);
  ssl::stream<tcp::socket> stream(io, context);
  stream.next_layer().connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  stream.handshake(ssl::stream_base::client);
  return test_support::fingerprint(SSL_get0_peer_certificate(stream.native_handle()));
}

/// Waits up to 10 s for `port` to serve the certificate file `path`; true when it does.
bool serves(unsigned short port, const std::string& path) {
  const std::string wanted = fingerprint_of_file(path);
  for (int i = 0; i < 100; ++i) {
    if (served_certificate(port) == wanted) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

/// The internal certificate files of both services in `files` (looked at every 200 ms).
std::map<std::string, std::string> council_files(const cert_dir& files) {
  return {{"COUNCIL_CLIENT_CERT", files.path("council-client.crt")},
          {"COUNCIL_CLIENT_KEY", files.path("council-client.key")},
          {"TLS_RELOAD_SECONDS", "200ms"}};
}
std::map<std::string, std::string> auth_files(const cert_dir& files, const std::string& interval) {
  return {{"INTERNAL_TLS_CERT", files.path("auth-internal.crt")},
          {"INTERNAL_TLS_KEY", files.path("auth-internal.key")},
          {"TLS_RELOAD_SECONDS", interval}};
}

}  // namespace

TEST_CASE("certificates rotated under load: no run fails and new connections present the new certificates",
          "[council][integration][tls][reload]") {
  cert_dir files({"auth-internal.crt", "auth-internal.key", "council-client.crt", "council-client.key"});
  council_fixture stack(council_files(files));
  stack.auth.restart(auth_files(files, "200ms"));
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 150}})"));
  const unsigned short internal_port = stack.auth.internal_port();
  REQUIRE(served_certificate(internal_port) == fingerprint_of_file(files.path("auth-internal.crt")));

  constexpr int council_threads = 3;
  std::vector<std::string> tokens;
  std::vector<std::string> conversations;
  for (int i = 0; i < council_threads; ++i) {
    tokens.push_back(stack.user("rotation" + std::to_string(i) + "@example.com", key_a));
    conversations.push_back(stack.create_conversation(tokens.back()));
  }
  const std::string council_url = "http://127.0.0.1:" + std::to_string(stack.council_port());
  std::atomic<bool> stop{false};
  tally runs;
  tally key_fetches;
  std::vector<std::thread> load;
  for (int i = 0; i < council_threads; ++i) {
    auto make = [&, i] {
      common::http::client_request req;
      req.method = "POST";
      req.url = council_url + "/api/conversations/" + conversations[i] + "/message";
      req.body = content_body("Does rotation hurt?");
      req.headers = {{"content-type", "application/json"}, {"authorization", "Bearer " + tokens[i]}};
      req.timeout = std::chrono::seconds(60);
      return req;
    };
    load.emplace_back([&, make] { keep_sending({}, make, run_completed, stop, runs); });
  }
  common::http::client_options fresh_mtls;  // a new mTLS connection for every key fetch
  fresh_mtls.ca_file = test_support::cert("ca.crt");
  fresh_mtls.cert_file = test_support::cert("council-client.crt");
  fresh_mtls.key_file = test_support::cert("council-client.key");
  fresh_mtls.max_idle_per_host = 0;
  auto key_request = [&] {
    common::http::client_request req;
    req.url = stack.auth.internal_url() + "/internal/v1/keys/openrouter";
    req.headers = {{"authorization", "Bearer " + tokens[0]}, {"x-run-id", "rotation-test"}};
    req.timeout = std::chrono::seconds(20);
    return req;
  };
  load.emplace_back([&] {
    keep_sending(fresh_mtls, key_request, [](const common::http::client_response& r) { return r.status == 200; }, stop,
                 key_fetches);
  });
  auto wait_for_progress = [&](int runs_more, int fetches_more) {
    const int runs_goal = runs.completed + runs_more;
    const int fetches_goal = key_fetches.completed + fetches_more;
    for (int i = 0; i < 600 && (runs.completed < runs_goal || key_fetches.completed < fetches_goal); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };

  wait_for_progress(council_threads, 5);
  const std::string fresh = files.issue_new_leaves();
  files.rotate("auth-internal", fresh);
  files.rotate("council-client", fresh);
  // The new files are picked up by the first connection after the 200 ms interval; under a sanitizer the load
  // may make its progress sooner, so the rotation is awaited on the wire before the bad file is written.
  const bool rotated = serves(internal_port, fresh + "/auth-internal.crt");
  wait_for_progress(council_threads, 5);
  files.write("auth-internal.crt", "not a certificate");  // a bad file: the rotated certificate stays in use
  for (int i = 0; i < 100 && stack.auth.log().find("tls reload failed") == std::string::npos; ++i) {
    (void)served_certificate(internal_port);  // a new connection makes the service look at its files
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  wait_for_progress(council_threads, 5);
  stop = true;
  for (auto& t : load) t.join();

  INFO("runs completed: " << runs.completed.load() << ", key fetches: " << key_fetches.completed.load());
  for (const auto& f : runs.failures) UNSCOPED_INFO("run failed: " << f);
  for (const auto& f : key_fetches.failures) UNSCOPED_INFO("key fetch failed: " << f);
  CHECK(runs.failures.empty());
  CHECK(key_fetches.failures.empty());
  CHECK(runs.completed >= 3 * council_threads);
  CHECK(key_fetches.completed >= 15);

  CHECK(rotated);
  CHECK(served_certificate(internal_port) == fingerprint_of_file(fresh + "/auth-internal.crt"));
  CHECK_THAT(stack.auth.log(), Catch::Contains("tls certificates reloaded"));
  CHECK_THAT(stack.auth.log(), Catch::Contains("tls reload failed, keeping the previous certificate"));

  // The council's pooled connections to the auth service end with its restart; the new ones carry the new
  // client certificate (files.rotate above), which the restarted auth service accepts.
  files.rotate("auth-internal", fresh);
  stack.auth.restart();
  const std::string id = stack.create_conversation(tokens[0]);
  auto after = stack.call("POST", "/api/conversations/" + id + "/message", content_body("And now?"), tokens[0]);
  INFO(after.body);
  CHECK(run_completed(after));
  CHECK_THAT(stack.log(), Catch::Contains("tls certificates reloaded"));
}

TEST_CASE("SIGHUP makes the auth service load rotated certificate files at once", "[auth][integration][tls][reload]") {
  cert_dir files({"auth-internal.crt", "auth-internal.key", "council-client.crt", "council-client.key"});
  auth_test::auth_fixture auth(auth_files(files, "3600"));
  const std::string fresh = files.issue_new_leaves();
  files.rotate("auth-internal", fresh);
  CHECK(served_certificate(auth.internal_port()) != fingerprint_of_file(fresh + "/auth-internal.crt"));
  ::kill(auth.pid(), SIGHUP);
  CHECK(serves(auth.internal_port(), fresh + "/auth-internal.crt"));
  CHECK_THAT(auth.log(), Catch::Contains("SIGHUP"));
}
