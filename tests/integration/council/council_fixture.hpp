// A running council stack for integration tests: auth-service (auth_fixture), fake-openrouter and
// council-service as child processes on free ports, one scratch database, real mTLS; plus HTTP and SSE helpers.
#pragma once
#include "integration/auth/auth_fixture.hpp"
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace council_test {

using auth_test::detail_of;
using auth_test::field;
using auth_test::json_of;

/// One `data:` frame of a stream, with its `id:` and the moment it arrived.
struct sse_event {
  std::string type;
  boost::json::value data;
  std::chrono::steady_clock::time_point at;
  long long id = -1;  // the frame's `id:` line, -1 when it had none
  std::string text;   // the data text as sent
};

/// What a POST .../message/stream answered.
struct stream_reply {
  int status = 0;
  std::string head;                 // status line and headers, lowercase names as sent
  std::string body;                 // the JSON body when status != 200
  std::vector<sse_event> events;    // the frames read
  int pings = 0;                    // `: ping` comments seen
  bool ended = false;               // the server ended the stream (complete, error or close)
  std::chrono::steady_clock::time_point sent;  // when the request was written

  /// The event types in order.
  std::vector<std::string> types() const;
  /// The first event of `type` (throws when absent).
  const sse_event& first(const std::string& type) const;
  /// The X-Run-Id header ("" when absent).
  std::string run_id() const;
};

/// Environment variables set or replaced for council-service.
using overrides = std::map<std::string, std::string>;

/// Model names the council is configured with in tests.
inline const std::string alpha_model = "test/alpha";
inline const std::string beta_model = "test/beta";
inline const std::string gamma_model = "test/gamma";
inline const std::string lead_model = "test/lead";
inline const std::string title_model = "test/title";

/// auth-service + fake-openrouter + council-service. Council defaults: models alpha, beta, gamma (and lead,
/// the lead model), title model test/title, UPSTREAM_TIMEOUT=2, SSE_HEARTBEAT_SECONDS=1; `overrides` wins.
class council_fixture {
public:
  explicit council_fixture(std::map<std::string, std::string> overrides = {});
  ~council_fixture();
  council_fixture(const council_fixture&) = delete;
  council_fixture& operator=(const council_fixture&) = delete;

  auth_test::auth_fixture auth;

  /// POST /_fake/config with `config` (expects 200).
  void configure_fake(const boost::json::value& config);
  /// POST /_fake/reset.
  void reset_fake();
  /// GET /_fake/requests: every chat request since the last reset/config, oldest first.
  boost::json::array fake_requests();
  /// The fake's requests for `model` whose last message is exactly `question` (stage 1; "" = all).
  std::vector<boost::json::object> requests_for(const std::string& model, const std::string& question = "");

  /// Registers `email` (password "correct horse battery"), stores `key` when not empty; returns the access token.
  std::string user(const std::string& email, const std::string& key);
  /// A council API call; `bearer` adds the Authorization header when not empty. Every answer is checked against
  /// proto/council.openapi.yaml (auth_test::expect_documented), as are stream()'s status, body and events.
  common::http::client_response call(std::string method, std::string path, std::string body = "", std::string bearer = "",
                                     common::http::header_list headers = {});
  /// POST /api/conversations with `body` (expects 200); returns the id.
  std::string create_conversation(const std::string& token, const std::string& body = "{}");
  /// GET /api/conversations/{id} (expects 200).
  boost::json::value conversation(const std::string& id, const std::string& token);
  /// POST .../message/stream with raw `body`; reads until the stream ends, or closes the connection after
  /// `stop_after` events when it is not 0.
  stream_reply stream(const std::string& id, const std::string& body, const std::string& token, std::size_t stop_after = 0,
                      std::chrono::seconds timeout = std::chrono::seconds(60));
  /// Any SSE request (`method` `path` with raw `body` and extra `headers`), read like stream(); the status, body
  /// and events are checked against proto/council.openapi.yaml.
  stream_reply open_stream(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& token, common::http::header_list headers = {}, std::size_t stop_after = 0,
                           std::chrono::seconds timeout = std::chrono::seconds(60), unsigned short port = 0);
  /// stream() with {"content": question}.
  stream_reply ask(const std::string& id, const std::string& question, const std::string& token);
  /// Polls GET conversation until it has `count` messages, the last of which is not a running run, or `timeout`
  /// passes; returns the last answer.
  boost::json::value wait_for_messages(const std::string& id, const std::string& token, std::size_t count,
                                       std::chrono::seconds timeout = std::chrono::seconds(30));

  /// Starts one more council-service process on the same database (another replica) on a free port; returns it.
  unsigned short start_replica();
  /// call() on another council port (a replica).
  common::http::client_response call_on(unsigned short port, std::string method, std::string path, std::string body = "",
                                        std::string bearer = "");
  /// Runs `council-service <args...>` with the service environment plus `extra`.
  std::pair<int, std::string> run_cli(std::vector<std::string> args, std::map<std::string, std::string> extra = {});
  /// Sends SIGTERM to council-service and waits for it; returns its exit status.
  int stop_council();
  /// Starts council-service (again) with the same environment and port; waits until it is ready.
  void start_council();
  /// council-service's log so far.
  std::string log() const;
  /// council-service's process id (for RSS measurements).
  int council_pid() const;
  unsigned short council_port() const { return council_port_; }
  unsigned short fake_port() const { return fake_port_; }
  const std::map<std::string, std::string>& environment() const { return env_; }

private:
  std::unique_ptr<test_support::child_process> spawn_council(const std::map<std::string, std::string>& env,
                                                             unsigned short port, const std::string& name);
  common::http::client_response send(unsigned short port, std::string method, std::string path, std::string body,
                                     std::string bearer, common::http::header_list headers);
  std::map<std::string, std::string> env_;
  unsigned short fake_port_ = 0;
  unsigned short council_port_ = 0;
  std::unique_ptr<test_support::child_process> fake_;
  std::unique_ptr<test_support::child_process> council_;
  int council_starts_ = 0;
  std::vector<std::unique_ptr<test_support::child_process>> replicas_;
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<common::http::client> client_;
};

/// {"content": text} as JSON text.
std::string content_body(const std::string& text);
/// The messages array of the chat request `request` (a fake request log entry).
boost::json::array messages_of(const boost::json::object& request);

}  // namespace council_test
