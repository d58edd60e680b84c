// A running auth-service for integration tests: scratch database, fresh JWT key and KEK, the dev certs,
// free ports, and synchronous HTTP helpers (plain public API and mutual-TLS internal API).
#pragma once
#include "common/http/client.hpp"
#include "support/database.hpp"
#include "support/openapi_responses.hpp"
#include "support/process.hpp"
#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace auth_test {

/// Environment variables for the service.
using env = std::map<std::string, std::string>;

/// Access and refresh token of a TokenResponse.
struct tokens {
  std::string access;
  std::string refresh;
};

/// Parses a response body as JSON (null when it is not JSON).
boost::json::value json_of(const common::http::client_response& r);
/// The `detail` of an error body ("" when absent).
std::string detail_of(const common::http::client_response& r);
/// String member `key` of a JSON object ("" when absent or not a string).
std::string field(const boost::json::value& v, std::string_view key);
/// Base64 of 32 random bytes, e.g. for a KEY_ENCRYPTION_KEYS entry.
std::string random_kek();
/// Fails the running test (CHECK, naming method, path, status and problems) when `answer` departs from the
/// OpenAPI document `which` in proto/.
void expect_documented(openapi::api which, const openapi::exchange& answer);
/// expect_documented() for the client's answer `r` to `method path`.
void expect_documented(openapi::api which, std::string_view method, std::string_view path,
                       const common::http::client_response& r);

/// One auth-service process with its own database. Defaults: BCRYPT_COST=10, REGISTER_MAX_PER_IP=1000,
/// KEY_ENCRYPTION_KEYS=1:<random>, KEY_VALIDATION=off (keys are saved without asking a provider; the key-check
/// tests set it on with a fake provider); `overrides` replaces or adds variables.
class auth_fixture {
public:
  explicit auth_fixture(std::map<std::string, std::string> overrides = {});
  ~auth_fixture();
  auth_fixture(const auth_fixture&) = delete;
  auth_fixture& operator=(const auth_fixture&) = delete;

  /// Stops the process (SIGTERM) and waits for it; returns its exit status.
  int stop();
  /// Starts it again with the current environment plus `changes` (kept for later restarts).
  void restart(std::map<std::string, std::string> changes = {});
  /// Runs `auth-service <args...>` to completion with the service environment plus `extra`.
  std::pair<int, std::string> run_cli(std::vector<std::string> args, std::map<std::string, std::string> extra = {});
  /// The process log so far.
  std::string log() const;
  /// The process id (for signals).
  int pid() const;

  /// The variables the service runs with (DATABASE_URL, KEY_ENCRYPTION_KEYS, JWT_SIGNING_KEY_FILE, ...).
  const std::map<std::string, std::string>& environment() const { return env_; }
  const test_support::scratch_database& database() const { return db_; }
  unsigned short public_port() const { return public_port_; }
  unsigned short internal_port() const { return internal_port_; }
  /// `http://127.0.0.1:<public port>`.
  std::string public_url() const;
  /// `https://127.0.0.1:<internal port>`.
  std::string internal_url() const;
  /// `http://127.0.0.1:<public port>/.well-known/jwks.json`.
  std::string jwks_url() const;

  /// Public API call; `bearer` adds `Authorization: Bearer ...` when not empty. Every answer is checked
  /// against proto/auth.openapi.yaml (expect_documented), as are those of post_concurrently and internal_key.
  common::http::client_response call(std::string method, std::string path, std::string body = "",
                                     std::string bearer = "", common::http::header_list headers = {});
  /// Sends the same public POST `copies` times at once (each on its own connection) and returns every answer.
  std::vector<common::http::client_response> post_concurrently(std::string path, std::string body, int copies);
  /// GET /internal/v1/keys/{provider} presenting the client certificate `cert_name` (e.g. "council-client",
  /// "" for none) from the test CA directory; transport failures throw.
  common::http::client_response internal_key(std::string provider, std::string bearer,
                                             std::string cert_name = "council-client", std::string run_id = "run-1");
  /// GET `path` on the internal listener like internal_key (answer checked against proto/internal.openapi.yaml).
  common::http::client_response internal_get(std::string path, std::string bearer,
                                             std::string cert_name = "council-client", common::http::header_list headers = {});

  /// Registers (expects 200) and returns the tokens.
  tokens register_user(const std::string& email, const std::string& password);
  /// Logs in (expects 200) and returns the tokens.
  tokens login(const std::string& email, const std::string& password);
  /// Stores `key` as the caller's openrouter key (expects 200).
  void save_key(const std::string& access_token, const std::string& key);

private:
  void start();
  common::http::client& client_for(const std::string& cert_name);

  test_support::scratch_database db_;
  std::string dir_;
  std::map<std::string, std::string> env_;
  unsigned short public_port_ = 0;
  unsigned short internal_port_ = 0;
  std::unique_ptr<test_support::child_process> process_;
  int starts_ = 0;
  std::unique_ptr<boost::asio::io_context> io_;
  std::map<std::string, std::unique_ptr<common::http::client>> clients_;
};

}  // namespace auth_test
