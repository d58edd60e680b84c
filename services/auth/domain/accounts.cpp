// Account use cases over storage/users, storage/throttle and the password hasher.
#include "auth/domain/accounts.hpp"
#include "common/crypto/hash.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/invites.hpp"
#include "auth/domain/sessions.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/sessions.hpp"
#include "auth/storage/throttle.hpp"
#include "auth/storage/users.hpp"

namespace auth::domain {
namespace {

constexpr unsigned prune_every = 200;

std::string account_of(std::string_view email) { return common::crypto::sha256(canonical_email(email)); }

boost::json::object reason(std::string_view why) {
  boost::json::object d;
  d["reason"] = why;
  return d;
}

/// Deletes stale counters now and then, so the tables stay small without a background task.
common::awaitable<void> maybe_prune(services& svc) {
  if (svc.counter_writes++ % prune_every == 0) co_await storage::prune_counters(svc.db, svc.throttle.window_seconds);
}

/// Re-checks the password of an existing account (throttled like logins); records failures.
common::awaitable<outcome<user_record>> recheck_password(services& svc, std::string user_id, std::string password,
                                                          audit_action action, client_info client) {
  auto user = co_await storage::find_user(svc.db, std::move(user_id));
  if (!user) co_return fail(errc::user_not_found);
  std::string account = account_of(user->email);
  auto retry = co_await storage::login_retry_after(svc.db, account, client.ip, svc.throttle);
  if (retry) {
    auto e = event(user->id, action, false, client, reason("throttled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::throttled, std::string(login_throttled_detail), *retry);
  }
  co_await storage::record_login_failure(svc.db, account, client.ip);
  bool ok = co_await svc.passwords.verify(std::move(password), user->password_hash);
  if (!ok) {
    auto e = event(user->id, action, false, client, reason("wrong_password"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::wrong_password);
  }
  co_await storage::clear_login_failures(svc.db, std::move(account));
  co_return std::move(*user);
}

/// The 403 of an invite that exists in no usable form, audited as a refused registration.
common::awaitable<failure> refuse_invite(services& svc, storage::invited_user::kind what, client_info client) {
  using kind = storage::invited_user::kind;
  std::string_view why = what == kind::used_up ? "invite_used_up" : what == kind::expired ? "invite_expired"
                                                                                            : "invite_unknown";
  auto e = event(std::nullopt, audit_action::register_account, false, client, reason(why));
  co_await record(svc.db, std::move(e));
  if (what == kind::used_up) co_return fail(errc::invite_refused, "This invite code has been used up.");
  if (what == kind::expired) co_return fail(errc::invite_refused, "This invite code has expired.");
  co_return fail(errc::invite_refused, "This invite code is not valid.");
}

}  // namespace

common::awaitable<outcome<api::token_response>> register_account(services& svc, std::string email,
                                                                 std::string password, client_info client,
                                                                 std::optional<std::string> invite_code) {
  auto retry = co_await storage::registration_retry_after(svc.db, client.ip, svc.throttle.register_max_per_ip);
  if (retry) {
    auto e = event(std::nullopt, audit_action::register_account, false, client, reason("throttled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::throttled, "Too many registrations from this address. Try again later.", *retry);
  }
  co_await storage::record_registration(svc.db, client.ip);
  co_await maybe_prune(svc);
  registration_mode mode = svc.accounts.registration;
  std::string code = trim(invite_code.value_or(""));
  if (mode == registration_mode::closed || (mode == registration_mode::invite && code.empty())) {
    bool closed = mode == registration_mode::closed;
    auto e = event(std::nullopt, audit_action::register_account, false, client,
                   reason(closed ? "registration_closed" : "invite_missing"));
    co_await record(svc.db, std::move(e));
    co_return fail(closed ? errc::registration_closed : errc::invite_refused);
  }
  auto existing = co_await storage::find_user_by_email(svc.db, email);
  if (existing) {
    auto e = event(existing->id, audit_action::register_account, false, client, reason("email_taken"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::email_taken);
  }
  std::string hash = co_await svc.passwords.hash(std::move(password));
  boost::json::object details;
  std::optional<domain::user_record> user;
  if (mode == registration_mode::invite) {
    std::string code_hash = invite_code_hash(code);
    auto invited =
        co_await storage::insert_invited_user(svc.db, std::move(email), std::move(hash), std::move(code_hash));
    if (invited.what != storage::invited_user::kind::created &&
        invited.what != storage::invited_user::kind::email_taken) {
      failure refused = co_await refuse_invite(svc, invited.what, std::move(client));
      co_return refused;
    }
    user = std::move(invited.user);
    if (user) details["invite_id"] = std::move(invited.invite_id);
  } else {
    user = co_await storage::insert_user(svc.db, std::move(email), std::move(hash));
  }
  if (!user) co_return fail(errc::email_taken);
  auto e = event(user->id, audit_action::register_account, true, client, std::move(details));
  co_await record(svc.db, std::move(e));
  api::token_response tokens = co_await open_session(svc, user->id, client);
  co_return tokens;
}

common::awaitable<outcome<api::token_response>> login(services& svc, std::string email, std::string password,
                                                      client_info client) {
  std::string account = account_of(email);
  auto user = co_await storage::find_user_by_email(svc.db, email);
  std::optional<std::string> user_id;
  if (user) user_id = user->id;

  auto retry = co_await storage::login_retry_after(svc.db, account, client.ip, svc.throttle);
  if (retry) {
    boost::json::object details;
    details["retry_after"] = *retry;
    auto e = event(user_id, audit_action::login_throttled, false, client, std::move(details));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::throttled, std::string(login_throttled_detail), *retry);
  }

  // Counted as a failure before the slow check, so concurrent guesses see each other; undone on success.
  co_await storage::record_login_failure(svc.db, account, client.ip);
  bool ok = false;
  if (user)
    ok = co_await svc.passwords.verify(std::move(password), user->password_hash);
  else
    ok = co_await svc.passwords.verify_dummy(std::move(password));

  if (!ok) {
    co_await maybe_prune(svc);
    auto e = event(user_id, audit_action::login_failure, false, client, reason(user ? "wrong_password" : "unknown_email"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::invalid_credentials);
  }
  co_await storage::clear_login_failures(svc.db, std::move(account));
  if (user->disabled) {
    auto e = event(user_id, audit_action::login_failure, false, client, reason("account_disabled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::account_disabled);
  }
  api::token_response tokens = co_await open_session(svc, user->id, client);
  auto e = event(user_id, audit_action::login_success, true, client);
  co_await record(svc.db, std::move(e));
  co_return tokens;
}

common::awaitable<outcome<api::user_out>> find_me(services& svc, principal who) {
  auto user = co_await storage::find_user(svc.db, std::move(who.user_id));
  if (!user) co_return fail(errc::user_not_found);
  co_return api::user_out{user->id, user->email, user->created_at};
}

common::awaitable<outcome<void>> change_password(services& svc, principal who, std::string current_password,
                                                 std::string new_password, client_info client) {
  audit_action action = audit_action::password_changed;
  auto user = co_await recheck_password(svc, who.user_id, std::move(current_password), action, client);
  if (!user) co_return user.error();
  std::string hash = co_await svc.passwords.hash(std::move(new_password));
  co_await storage::set_password_hash(svc.db, who.user_id, std::move(hash));
  long long ended = co_await storage::revoke_other_sessions(svc.db, who.user_id, who.session_id);
  boost::json::object details;
  details["sessions_ended"] = ended;
  auto e = event(who.user_id, audit_action::password_changed, true, client, std::move(details));
  co_await record(svc.db, std::move(e));
  co_return outcome<void>{};
}

common::awaitable<outcome<void>> delete_account(services& svc, principal who, std::string password,
                                                client_info client) {
  audit_action action = audit_action::account_deleted;
  auto user = co_await recheck_password(svc, who.user_id, std::move(password), action, client);
  if (!user) co_return user.error();
  bool deleted = co_await storage::delete_user(svc.db, who.user_id);
  if (!deleted) co_return fail(errc::user_not_found);
  boost::json::object details;
  details["email_domain"] = user->email.substr(user->email.rfind('@') + 1);
  auto e = event(who.user_id, audit_action::account_deleted, true, client, std::move(details));
  co_await record(svc.db, std::move(e));
  co_return outcome<void>{};
}

}  // namespace auth::domain
