// Throttling as the account use cases apply it, against PostgreSQL: failed logins per account and per address,
// registrations per address, password re-checks, the sliding window and the pruning of stale counters.
#include "usecase_fixture.hpp"
#include "auth/domain/accounts.hpp"

using auth::domain::errc;
using namespace usecase_test;
namespace domain = auth::domain;

namespace {

constexpr int window = 900;

/// Limits small enough to reach in a test: 3 failures per account, 5 per address, 2 registrations per address.
auth::throttle_settings small_limits() {
  auth::throttle_settings limits;
  limits.max_failures = 3;
  limits.max_failures_per_ip = 5;
  limits.window_seconds = window;
  limits.register_max_per_ip = 2;
  return limits;
}

void fail_logins(usecase_fixture& fx, const std::string& email, int times, const domain::client_info& client) {
  for (int i = 0; i < times; ++i) {
    auto refused = fx.run(domain::login(fx.svc(), email, "a wrong password", client));
    REQUIRE(failure_of(refused).code == errc::invalid_credentials);
  }
}

}  // namespace

TEST_CASE("after max_failures wrong passwords the account is throttled, even with the right password and from "
          "another address",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  fail_logins(fx, "ada@example.com", 3, test_client);

  auto throttled = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  auto failure = failure_of(throttled);
  CHECK(failure.code == errc::throttled);
  CHECK(failure.detail == domain::login_throttled_detail);
  CHECK(failure.retry_after >= 1);
  CHECK(failure.retry_after <= window);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'login_throttled' AND outcome = "
                       "'failure' AND (details->>'retry_after')::bigint = " + std::to_string(failure.retry_after)) == 1);

  domain::client_info elsewhere{"198.51.100.99", "other-device"};
  auto from_elsewhere = fx.run(domain::login(fx.svc(), "ADA@example.com", "analytical engine", elsewhere));
  CHECK(failure_of(from_elsewhere).code == errc::throttled);

  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id)) == 1);  // the registration's only
  CHECK(fx.row_count("login_failures", "true") == 3);  // throttled attempts are not counted again
  CHECK(fx.audit_count(ada.who.user_id, "login_success", "success") == 0);
}

TEST_CASE("failures from one address throttle that address for every account, not other addresses",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  domain::client_info guesser{"192.0.2.66", "guesser"};
  for (const char* email : {"a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"})
    fail_logins(fx, email, 1, guesser);

  auto from_guesser = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", guesser));
  auto failure = failure_of(from_guesser);
  CHECK(failure.code == errc::throttled);
  CHECK(failure.retry_after >= 1);
  CHECK(failure.retry_after <= window);
  CHECK(fx.audit_count("action = 'login_throttled' AND ip = '192.0.2.66' AND user_id = " + quoted(ada.who.user_id)) == 1);

  auto from_elsewhere = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  CHECK(from_elsewhere.has_value());
}

TEST_CASE("failures older than the window no longer throttle, and a successful login clears the account's",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  fx.register_account("ada@example.com", "analytical engine");
  fail_logins(fx, "ada@example.com", 3, test_client);
  auto throttled = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  REQUIRE(failure_of(throttled).code == errc::throttled);

  fx.sql("UPDATE auth.login_failures SET at = at - make_interval(secs => " + std::to_string(window + 1) + ")");
  auto allowed = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  CHECK(allowed.has_value());
  CHECK(fx.row_count("login_failures", "true") == 0);

  fail_logins(fx, "ada@example.com", 2, test_client);
  CHECK(fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client)).has_value());
}

TEST_CASE("registrations are throttled per address and hour; refused ones write no user",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  fx.register_account("ada@example.com", "analytical engine");
  auto taken = fx.run(domain::register_account(fx.svc(), "ada@example.com", "another password", test_client));
  REQUIRE(failure_of(taken).code == errc::email_taken);

  auto throttled = fx.run(domain::register_account(fx.svc(), "bob@example.com", "bobs password", test_client));
  auto failure = failure_of(throttled);
  CHECK(failure.code == errc::throttled);
  CHECK(failure.detail == "Too many registrations from this address. Try again later.");
  CHECK(failure.retry_after >= 1);
  CHECK(failure.retry_after <= 3600);
  CHECK(fx.row_count("users", "lower(email) = 'bob@example.com'") == 0);
  CHECK(fx.audit_count("user_id IS NULL AND action = 'register' AND outcome = 'failure' AND "
                       "details->>'reason' = 'throttled' AND ip = '203.0.113.7'") == 1);
  CHECK(fx.row_count("registration_attempts", "true") == 2);  // throttled attempts are not counted

  domain::client_info elsewhere{"198.51.100.5", "other-device"};
  CHECK(fx.run(domain::register_account(fx.svc(), "bob@example.com", "bobs password", elsewhere)).has_value());
}

TEST_CASE("password re-checks share the login throttle: change_password and delete_account are refused while "
          "throttled",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  for (int i = 0; i < 3; ++i) {
    auto refused = fx.run(domain::change_password(fx.svc(), ada.who, "a wrong password", "new engine 2", test_client));
    REQUIRE(failure_of(refused).code == errc::wrong_password);
  }
  std::string hash_before = fx.sql("SELECT password_hash FROM auth.users WHERE id = " + quoted(ada.who.user_id));

  auto change = fx.run(domain::change_password(fx.svc(), ada.who, "analytical engine", "new engine 2", test_client));
  auto change_failure = failure_of(change);
  CHECK(change_failure.code == errc::throttled);
  CHECK(change_failure.detail == domain::login_throttled_detail);
  CHECK(change_failure.retry_after >= 1);
  CHECK(change_failure.retry_after <= window);
  CHECK(fx.sql("SELECT password_hash FROM auth.users WHERE id = " + quoted(ada.who.user_id)) == hash_before);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'password_changed' AND "
                       "details->>'reason' = 'throttled'") == 1);

  auto deletion = fx.run(domain::delete_account(fx.svc(), ada.who, "analytical engine", test_client));
  CHECK(failure_of(deletion).code == errc::throttled);
  CHECK(fx.row_count("users", "id = " + quoted(ada.who.user_id)) == 1);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'account_deleted' AND "
                       "details->>'reason' = 'throttled'") == 1);

  auto login = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  CHECK(failure_of(login).code == errc::throttled);
}

TEST_CASE("the first counted write prunes stale throttling counters and long-expired sessions",
          "[auth][usecase][throttle]") {
  usecase_fixture fx(small_limits());
  auto ada = fx.register_account("ada@example.com", "analytical engine");  // the first write prunes nothing yet
  fx.sql("INSERT INTO auth.login_failures (at, account, ip) VALUES "
         "(now() - interval '2 hours', '\\x00', '192.0.2.1'), (now(), '\\x01', '192.0.2.1')");
  fx.sql("INSERT INTO auth.registration_attempts (at, ip) VALUES (now() - interval '2 hours', '192.0.2.1')");
  fx.sql("UPDATE auth.sessions SET expires_at = now() - interval '2 days' WHERE id = " + quoted(ada.who.session_id));
  REQUIRE(fx.row_count("login_failures", "true") == 2);

  fx.svc().counter_writes = 0;
  auto second = fx.run(domain::register_account(fx.svc(), "bob@example.com", "bobs password", test_client));
  REQUIRE(second.has_value());
  CHECK(fx.svc().counter_writes == 1);
  CHECK(fx.sql("SELECT encode(account, 'hex') FROM auth.login_failures") == "01");
  CHECK(fx.row_count("registration_attempts", "ip = '192.0.2.1'") == 0);
  CHECK(fx.row_count("registration_attempts", "ip = '203.0.113.7'") == 2);
  CHECK(fx.row_count("sessions", "id = " + quoted(ada.who.session_id)) == 0);
}
