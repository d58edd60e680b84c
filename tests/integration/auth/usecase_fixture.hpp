// The auth use cases wired in-process to a migrated scratch database (no HTTP), with a fresh signing key and
// KEK and the cheapest allowed bcrypt cost; SQL probes let tests assert what the use cases wrote.
#pragma once
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include "support/database.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <string>

namespace usecase_test {

/// The client every test request comes from unless a test says otherwise.
inline const auth::domain::client_info test_client{"203.0.113.7", "usecase-test/1.0"};

/// An account made through register_account, with the tokens and session of its first login.
struct account {
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
  auth::domain::principal who;  // user id and first session id
};

/// Throttling limits of the fixture: the service defaults, except registrations (1000 per IP and hour) so
/// tests registering many accounts from test_client are not throttled.
auth::throttle_settings default_limits();

/// Use-case services over a scratch database migrated with migrations/auth; synchronous helpers for tests.
class usecase_fixture {
public:
  /// `limits` becomes svc().throttle; a test may change svc().throttle afterwards.
  explicit usecase_fixture(auth::throttle_settings limits = default_limits());
  ~usecase_fixture();
  usecase_fixture(const usecase_fixture&) = delete;
  usecase_fixture& operator=(const usecase_fixture&) = delete;

  /// Drives `task` to completion on the fixture's io_context; rethrows its exception.
  template <typename T>
  T run(common::awaitable<T> task) {
    return test_support::run_sync(io_, std::move(task));
  }

  /// What the account, session, throttling and audit use cases take.
  auth::domain::services& svc() { return svc_; }
  /// What the provider-key use cases take.
  auth::domain::key_services keys() { return auth::domain::key_services{pool_, vault_}; }
  const test_support::scratch_database& database() const { return db_; }

  /// Registers `email` with `password` from test_client (REQUIREs success) and returns the account.
  account register_account(const std::string& email, const std::string& password);
  /// The user id and session id an access token names (REQUIREs a valid token).
  auth::domain::principal principal_of(const std::string& access_token) const;

  /// Output of `query` run as the administrator (psql -At: unaligned, `|` between columns), trailing newline
  /// removed.
  std::string sql(const std::string& query) const;
  /// Rows of auth.<table> matching the SQL condition `where`.
  long long row_count(const std::string& table, const std::string& where) const;
  /// Rows of auth.audit_events matching the SQL condition `where`.
  long long audit_count(const std::string& where) const;
  /// Rows of auth.audit_events of `user_id` with `action` and `outcome` ('success' or 'failure').
  long long audit_count(const std::string& user_id, const std::string& action, const std::string& outcome) const;

private:
  test_support::scratch_database db_;
  boost::asio::io_context io_;
  common::pg::pool pool_;
  auth::domain::password_hasher passwords_;
  auth::domain::token_service tokens_;
  auth::domain::key_vault vault_;
  auth::domain::services svc_;
};

/// `s` quoted as an SQL string literal.
std::string quoted(const std::string& s);
/// Hex of what auth.sessions stores for `refresh_token` (compare with encode(refresh_hash, 'hex')).
std::string stored_hash_hex(const std::string& refresh_token);
/// Regular expression of the RFC 3339 timestamps the API shows (UTC, microseconds).
inline constexpr const char* rfc3339_pattern = R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)";

/// The failure of `o`; FAILs the test when `o` succeeded.
template <typename T>
auth::domain::failure failure_of(const auth::domain::outcome<T>& o) {
  REQUIRE_FALSE(o.has_value());
  return o.error();
}

}  // namespace usecase_test
