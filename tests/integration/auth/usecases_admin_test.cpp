// Registration-mode, administration and password-reset use cases called directly against PostgreSQL: invites taken
// atomically by concurrent registrations, closed mode, require_admin, list_users, set_user_disabled, set_admin,
// issue_password_reset and reset_password, with the rows and audit events each leaves behind.
#include "usecase_fixture.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/admin.hpp"
#include "auth/domain/invites.hpp"
#include "auth/domain/password_resets.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/sessions.hpp"
#include "common/core/task_group.hpp"
#include <boost/asio/this_coro.hpp>

using auth::domain::errc;
using namespace usecase_test;
namespace domain = auth::domain;

namespace {

using registration_results = std::vector<domain::outcome<auth::api::token_response>>;

/// Registers every email at once (concurrent coroutines, each on its own connection) with `code`.
common::awaitable<registration_results> register_concurrently(domain::services& svc, std::vector<std::string> emails,
                                                              std::string code) {
  auto results = std::make_shared<registration_results>(emails.size(), domain::fail(errc::invalid_input));
  common::task_group group(co_await boost::asio::this_coro::executor);
  for (std::size_t i = 0; i < emails.size(); ++i) {
    group.spawn([](domain::services& s, std::string email, std::string invite,
                   std::shared_ptr<registration_results> out, std::size_t slot) -> common::awaitable<void> {
      std::optional<std::string> code_given = std::move(invite);
      std::string password = "invited password";
      domain::client_info client = test_client;
      (*out)[slot] = co_await domain::register_account(s, std::move(email), std::move(password), std::move(client),
                                                       std::move(code_given));
    }(svc, emails[i], code, results, i));
  }
  co_await group.join();
  co_return std::move(*results);
}

/// Concurrent reset_password calls with the same token.
common::awaitable<std::vector<domain::outcome<void>>> reset_concurrently(domain::services& svc, std::string token,
                                                                         int copies) {
  auto results = std::make_shared<std::vector<domain::outcome<void>>>(copies, domain::fail(errc::invalid_input));
  common::task_group group(co_await boost::asio::this_coro::executor);
  for (int i = 0; i < copies; ++i) {
    group.spawn([](domain::services& s, std::string t, std::shared_ptr<std::vector<domain::outcome<void>>> out,
                   int slot) -> common::awaitable<void> {
      std::string password = "password " + std::to_string(slot);
      domain::client_info client = test_client;
      (*out)[static_cast<std::size_t>(slot)] =
          co_await domain::reset_password(s, std::move(t), std::move(password), std::move(client));
    }(svc, token, results, i));
  }
  co_await group.join();
  co_return std::move(*results);
}

domain::admin_services admin_of(usecase_fixture& fx) { return domain::admin_services{fx.svc().db, fx.svc().accounts}; }

std::string invite(usecase_fixture& fx, int uses) {
  auto issued = fx.run(domain::issue_invite(fx.svc().db, domain::invite_terms{uses, 3600}, std::nullopt, test_client));
  return issued.code;
}

}  // namespace

TEST_CASE("register_account in invite mode: concurrent registrations take an invite's uses exactly once each",
          "[auth][usecase][registration]") {
  usecase_fixture fx;
  fx.svc().accounts.registration = auth::registration_mode::invite;
  std::string code = invite(fx, 2);
  auto results = fx.run(register_concurrently(fx.svc(), {"a@example.com", "b@example.com", "c@example.com",
                                                          "d@example.com", "e@example.com"}, code));
  int created = 0;
  for (const auto& r : results) {
    if (r) ++created;
    else CHECK(r.error().code == errc::invite_refused);
  }
  CHECK(created == 2);
  CHECK(fx.row_count("users", "true") == 2);
  CHECK(fx.sql("SELECT uses_left FROM auth.invites") == "0");
  CHECK(fx.audit_count("action = 'register' AND outcome = 'failure' AND details->>'reason' = 'invite_used_up'") == 3);

  auto missing = fx.run(domain::register_account(fx.svc(), "f@example.com", "invited password", test_client));
  CHECK(failure_of(missing).code == errc::invite_refused);
  CHECK(failure_of(missing).detail.empty());  // the status table's sentence: a code is required

  fx.svc().accounts.registration = auth::registration_mode::closed;
  auto closed = fx.run(domain::register_account(fx.svc(), "g@example.com", "closed password", test_client, code));
  CHECK(failure_of(closed).code == errc::registration_closed);
  fx.svc().accounts.registration = auth::registration_mode::open;
  fx.register_account("h@example.com", "open password");
  CHECK(fx.row_count("users", "true") == 3);
}

TEST_CASE("require_admin, list_users and set_admin: only enabled admins pass; the list shows flags, never keys",
          "[auth][usecase][admin]") {
  usecase_fixture fx;
  auto root = fx.register_account("root@example.com", "root password");
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", "sk-or-v1-usecase-admin-key", "api", test_client));
  CHECK(failure_of(fx.run(domain::require_admin(admin_of(fx), root.who.user_id))).code == errc::admin_only);
  CHECK(failure_of(fx.run(domain::require_admin(admin_of(fx), "not-a-uuid"))).code == errc::admin_only);

  auto granted = fx.run(domain::set_admin(admin_of(fx), "ROOT@example.com", true, test_client));
  REQUIRE(granted.has_value());
  CHECK(granted->admin);
  CHECK(fx.run(domain::require_admin(admin_of(fx), root.who.user_id)).has_value());
  CHECK(fx.audit_count(root.who.user_id, "admin_granted", "success") == 1);
  CHECK(failure_of(fx.run(domain::set_admin(admin_of(fx), "nobody@example.com", true, test_client))).code ==
        errc::user_not_found);

  auto users = fx.run(domain::list_users(admin_of(fx))).users;
  REQUIRE(users.size() == 2);
  CHECK(users[0].email == "root@example.com");
  CHECK(users[0].admin);
  CHECK_FALSE(users[0].key_stored);
  CHECK(users[1].key_stored);
  CHECK_FALSE(users[1].admin);
  CHECK(users[1].last_login_at.has_value());

  fx.sql("UPDATE auth.users SET disabled = true WHERE id = " + quoted(root.who.user_id));
  CHECK(failure_of(fx.run(domain::require_admin(admin_of(fx), root.who.user_id))).code == errc::admin_only);
  fx.run(domain::set_admin(admin_of(fx), "root@example.com", false, test_client));
  CHECK(fx.audit_count(root.who.user_id, "admin_revoked", "success") == 1);
  CHECK(fx.sql("SELECT admin FROM auth.users WHERE id = " + quoted(root.who.user_id)) == "f");
}

TEST_CASE("set_user_disabled ends every session and refuses tokens, refresh and login until enabled",
          "[auth][usecase][admin]") {
  usecase_fixture fx;
  auto root = fx.register_account("root@example.com", "root password");
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto disabled = fx.run(domain::set_user_disabled(admin_of(fx), root.who.user_id, ada.who.user_id, true, test_client));
  REQUIRE(disabled.has_value());
  CHECK(disabled->disabled);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id) + " AND revoked_at IS NULL") == 0);
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), ada.access_token))).code == errc::invalid_token);
  CHECK(failure_of(fx.run(domain::refresh(fx.svc(), ada.refresh_token, test_client))).code == errc::invalid_token);
  CHECK(failure_of(fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client))).code ==
        errc::account_disabled);
  CHECK(failure_of(fx.run(domain::login(fx.svc(), "ada@example.com", "wrong password", test_client))).code ==
        errc::invalid_credentials);
  CHECK(fx.audit_count(ada.who.user_id, "user_disabled", "success") == 1);
  CHECK(fx.audit_count(root.who.user_id, "user_disabled", "success") == 1);

  // A session opened while disabled (a login racing the disable) is refused all the same.
  auto raced = fx.run(domain::open_session(fx.svc(), ada.who.user_id, test_client));
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), raced.access_token))).code == errc::invalid_token);
  CHECK(failure_of(fx.run(domain::refresh(fx.svc(), raced.refresh_token, test_client))).code == errc::invalid_token);

  CHECK(failure_of(fx.run(domain::set_user_disabled(admin_of(fx), root.who.user_id, root.who.user_id, true,
                                                    test_client))).code == errc::cannot_disable_self);
  CHECK(failure_of(fx.run(domain::set_user_disabled(admin_of(fx), root.who.user_id,
                                                    "0b5a3d4e-1111-4222-8333-944455556666", true, test_client)))
            .code == errc::user_not_found);
  CHECK(failure_of(fx.run(domain::set_user_disabled(admin_of(fx), root.who.user_id, "nope", false, test_client)))
            .code == errc::user_not_found);

  auto enabled = fx.run(domain::set_user_disabled(admin_of(fx), root.who.user_id, ada.who.user_id, false, test_client));
  REQUIRE(enabled.has_value());
  CHECK_FALSE(enabled->disabled);
  CHECK(fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client)).has_value());
  CHECK(failure_of(fx.run(domain::authenticate(fx.svc(), ada.access_token))).code == errc::invalid_token);
}

TEST_CASE("reset_password: one use of a token however many try at once; unknown, used and expired tokens refused",
          "[auth][usecase][password-reset]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto issued = fx.run(domain::issue_password_reset(admin_of(fx), ada.who.user_id, std::nullopt, test_client));
  REQUIRE(issued.has_value());
  CHECK(issued->link == "http://127.0.0.1:8080/#/reset?token=" + issued->token);
  CHECK(fx.audit_count(ada.who.user_id, "password_reset_issued", "success") == 1);
  CHECK(failure_of(fx.run(domain::issue_password_reset(admin_of(fx), "0b5a3d4e-1111-4222-8333-944455556666",
                                                       std::nullopt, test_client))).code == errc::user_not_found);

  auto results = fx.run(reset_concurrently(fx.svc(), issued->token, 3));
  int done = 0;
  for (const auto& r : results) {
    if (r) ++done;
    else CHECK(r.error().code == errc::reset_token_invalid);
  }
  CHECK(done == 1);
  CHECK(fx.audit_count(ada.who.user_id, "password_reset", "success") == 1);
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id) + " AND revoked_at IS NULL") == 0);
  CHECK_FALSE(domain::bcrypt_verify("analytical engine", fx.sql("SELECT password_hash FROM auth.users")));

  auto unknown = fx.run(domain::reset_password(fx.svc(), "unknown-token", "new password", test_client));
  CHECK(failure_of(unknown).code == errc::reset_token_invalid);
  auto again = fx.run(domain::reset_password(fx.svc(), issued->token, "new password", test_client));
  CHECK(failure_of(again).detail == "This reset link has already been used.");
  auto later = fx.run(domain::issue_password_reset(admin_of(fx), ada.who.user_id, std::nullopt, test_client));
  fx.sql("UPDATE auth.password_resets SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
  auto expired = fx.run(domain::reset_password(fx.svc(), later->token, "new password", test_client));
  CHECK(failure_of(expired).detail == "This reset link has expired.");
}
