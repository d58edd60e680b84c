// Account use cases over storage/users, storage/throttle and the password hasher; each change commits in one
// transaction with its audit row.
#include "auth/domain/accounts.hpp"
#include "common/core/ip_network.hpp"
#include "common/crypto/encoding.hpp"
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
constexpr std::size_t device_token_bytes = 32;

std::string account_of(std::string_view email) { return common::crypto::sha256(canonical_email(email)); }

boost::json::object reason(std::string_view why) {
  boost::json::object d;
  d["reason"] = why;
  return d;
}

/// An audit entry of a request that carried no credential of the account.
audit_entry unauthenticated(std::optional<std::string> user_id, audit_action action, const client_info& client,
                            boost::json::object details) {
  audit_entry e = event(std::move(user_id), action, false, client, std::move(details));
  e.authenticated = false;
  return e;
}

/// Deletes stale counters now and then, so the tables stay small without a background task.
common::awaitable<void> maybe_prune(services& svc) {
  if (svc.counter_writes++ % prune_every == 0)
    co_await storage::prune_counters(svc.db, svc.throttle.window_seconds, device_cookie_days);
}

/// The throttling key of a login: the account, the client's address group, and its device cookie when that
/// cookie was set at a sign-in of `user` (then, or when the address signed in before, the client is known).
common::awaitable<storage::login_client> login_client_of(services& svc, std::string_view email,
                                                         const std::optional<user_record>& user,
                                                         const client_info& client) {
  storage::login_client c{account_of(email), common::address_group(client.ip), std::nullopt, false};
  if (!user) co_return c;
  if (!client.device_token.empty()) {
    std::string hash = common::crypto::sha256(client.device_token);
    if (co_await storage::device_known(svc.db, user->id, hash, device_cookie_days)) c.device = std::move(hash);
  }
  if (c.device) {
    c.known = true;
  } else {
    c.known = co_await storage::address_known(svc.db, user->id, c.address);
  }
  co_return c;
}

/// The 403 of an invite that exists in no usable form, audited as a refused registration.
common::awaitable<failure> refuse_invite(services& svc, storage::invited_user::kind what, client_info client) {
  using kind = storage::invited_user::kind;
  std::string_view why = what == kind::used_up ? "invite_used_up" : what == kind::expired ? "invite_expired"
                                                                                            : "invite_unknown";
  auto e = unauthenticated(std::nullopt, audit_action::register_account, client, reason(why));
  co_await record(svc.db, std::move(e));
  if (what == kind::used_up) co_return fail(errc::invite_refused, "This invite code has been used up.");
  if (what == kind::expired) co_return fail(errc::invite_refused, "This invite code has expired.");
  co_return fail(errc::invite_refused, "This invite code is not valid.");
}

/// Inserts the account in `tx`, taking one use of the invite of `code` in invite mode.
common::awaitable<storage::invited_user> insert_account(services& svc, common::pg::transaction& tx, std::string email,
                                                        std::string hash, std::string code) {
  if (svc.accounts.registration == registration_mode::invite) {
    std::string code_hash = invite_code_hash(code);
    auto invited = co_await storage::insert_invited_user(tx, std::move(email), std::move(hash), std::move(code_hash));
    co_return invited;
  }
  storage::invited_user out;
  out.user = co_await storage::insert_user(tx, std::move(email), std::move(hash));
  out.what = out.user ? storage::invited_user::kind::created : storage::invited_user::kind::email_taken;
  co_return out;
}

}  // namespace

common::awaitable<outcome<api::token_response>> register_account(services& svc, std::string email,
                                                                 std::string password, client_info client,
                                                                 std::optional<std::string> invite_code) {
  std::string address = common::address_group(client.ip);
  auto retry = co_await storage::registration_retry_after(svc.db, address, svc.throttle.register_max_per_ip);
  if (retry) {
    auto e = unauthenticated(std::nullopt, audit_action::register_account, client, reason("throttled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::throttled, "Too many registrations from this address. Try again later.", *retry);
  }
  co_await storage::record_registration(svc.db, address);
  co_await maybe_prune(svc);
  registration_mode mode = svc.accounts.registration;
  std::string code = trim(invite_code.value_or(""));
  if (mode == registration_mode::closed || (mode == registration_mode::invite && code.empty())) {
    bool closed = mode == registration_mode::closed;
    auto e = unauthenticated(std::nullopt, audit_action::register_account, client,
                             reason(closed ? "registration_closed" : "invite_missing"));
    co_await record(svc.db, std::move(e));
    co_return fail(closed ? errc::registration_closed : errc::invite_refused);
  }
  auto existing = co_await storage::find_user_by_email(svc.db, email);
  if (existing) {
    auto e = unauthenticated(existing->id, audit_action::register_account, client, reason("email_taken"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::email_taken);
  }
  std::string hash = co_await svc.passwords.hash(std::move(password));
  common::pg::transaction tx = co_await svc.db.begin();
  auto inserted = co_await insert_account(svc, tx, std::move(email), std::move(hash), std::move(code));
  using kind = storage::invited_user::kind;
  if (inserted.what != kind::created || !inserted.user) {
    co_await tx.commit();
    if (inserted.what == kind::created || inserted.what == kind::email_taken) co_return fail(errc::email_taken);
    failure refused = co_await refuse_invite(svc, inserted.what, std::move(client));
    co_return refused;
  }
  const user_record& user = *inserted.user;
  boost::json::object details;
  if (!inserted.invite_id.empty()) details["invite_id"] = std::move(inserted.invite_id);
  auto e = event(user.id, audit_action::register_account, true, client, std::move(details));
  co_await record(tx, std::move(e));
  co_await storage::remember_client(tx, user.id, address, std::nullopt);
  api::token_response tokens = co_await open_session(svc, tx, user.id, client);
  co_await tx.commit();
  co_return tokens;
}

common::awaitable<outcome<signed_in>> sign_in(services& svc, std::string email, std::string password,
                                              client_info client) {
  auto user = co_await storage::find_user_by_email(svc.db, email);
  std::optional<std::string> user_id;
  if (user) user_id = user->id;
  storage::login_client counted = co_await login_client_of(svc, email, user, client);

  auto retry = co_await storage::login_retry_after(svc.db, counted, svc.throttle);
  if (retry) {
    boost::json::object details;
    details["retry_after"] = *retry;
    auto e = unauthenticated(user_id, audit_action::login_throttled, client, std::move(details));
    co_await record_repeated(svc, std::move(e), counted.account);
    co_return fail(errc::throttled, std::string(login_throttled_detail), *retry);
  }

  // Counted as a failure before the slow check, so concurrent guesses see each other; undone on success.
  co_await storage::record_login_failure(svc.db, counted);
  bool ok = false;
  if (user)
    ok = co_await svc.passwords.verify(std::move(password), user->password_hash);
  else
    ok = co_await svc.passwords.verify_dummy(std::move(password));

  if (!ok) {
    co_await maybe_prune(svc);
    auto e = unauthenticated(user_id, audit_action::login_failure, client,
                             reason(user ? "wrong_password" : "unknown_email"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::invalid_credentials);
  }
  co_await storage::clear_login_failures(svc.db, counted);
  if (user->disabled) {
    auto e = event(user_id, audit_action::login_failure, false, client, reason("account_disabled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::account_disabled);
  }
  signed_in out;
  out.device_token = counted.device ? client.device_token
                                     : common::crypto::base64url_encode(common::crypto::random_bytes(device_token_bytes));
  std::string device_hash = common::crypto::sha256(out.device_token);
  common::pg::transaction tx = co_await svc.db.begin();
  out.tokens = co_await open_session(svc, tx, user->id, client);
  co_await storage::remember_client(tx, user->id, counted.address, std::move(device_hash));
  auto e = event(user_id, audit_action::login_success, true, client);
  co_await record(tx, std::move(e));
  co_await tx.commit();
  co_return out;
}

common::awaitable<outcome<api::token_response>> login(services& svc, std::string email, std::string password,
                                                      client_info client) {
  auto done = co_await sign_in(svc, std::move(email), std::move(password), std::move(client));
  if (!done) co_return done.error();
  co_return std::move(done->tokens);
}

common::awaitable<outcome<user_record>> confirm_password(services& svc, principal who, std::string password,
                                                         audit_action action, client_info client) {
  auto user = co_await storage::find_user(svc.db, who.user_id);
  if (!user) co_return fail(errc::user_not_found);
  auto retry = co_await storage::recheck_retry_after(svc.db, who.session_id, svc.throttle.recheck_limit(),
                                                     svc.throttle.window_seconds);
  if (retry) {
    auto e = event(user->id, action, false, client, reason("throttled"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::throttled, std::string(login_throttled_detail), *retry);
  }
  co_await storage::record_recheck_failure(svc.db, who.session_id);
  storage::login_client counted{account_of(user->email), common::address_group(client.ip), std::nullopt, true};
  co_await storage::record_login_failure(svc.db, counted);
  bool ok = co_await svc.passwords.verify(std::move(password), user->password_hash);
  if (!ok) {
    auto e = event(user->id, action, false, client, reason("wrong_password"));
    co_await record(svc.db, std::move(e));
    co_return fail(errc::wrong_password);
  }
  co_await storage::clear_recheck_failures(svc.db, who.session_id);
  co_await storage::clear_login_failures(svc.db, std::move(counted));
  co_return std::move(*user);
}

common::awaitable<outcome<api::user_out>> find_me(services& svc, principal who) {
  auto user = co_await storage::find_user(svc.db, std::move(who.user_id));
  if (!user) co_return fail(errc::user_not_found);
  co_return api::user_out{user->id, user->email, user->created_at};
}

common::awaitable<outcome<void>> change_password(services& svc, principal who, std::string current_password,
                                                 std::string new_password, client_info client) {
  audit_action action = audit_action::password_changed;
  auto user = co_await confirm_password(svc, who, std::move(current_password), action, client);
  if (!user) co_return user.error();
  std::string hash = co_await svc.passwords.hash(std::move(new_password));
  common::pg::transaction tx = co_await svc.db.begin();
  co_await storage::set_password_hash(tx, who.user_id, std::move(hash));
  long long ended = co_await storage::revoke_other_sessions(tx, who.user_id, who.session_id);
  boost::json::object details;
  details["sessions_ended"] = ended;
  auto e = event(who.user_id, audit_action::password_changed, true, client, std::move(details));
  co_await record(tx, std::move(e));
  co_await tx.commit();
  co_return outcome<void>{};
}

common::awaitable<outcome<void>> delete_account(services& svc, principal who, std::string password,
                                                client_info client) {
  audit_action action = audit_action::account_deleted;
  auto user = co_await confirm_password(svc, who, std::move(password), action, client);
  if (!user) co_return user.error();
  common::pg::transaction tx = co_await svc.db.begin();
  bool deleted = co_await storage::delete_user(tx, who.user_id);
  if (deleted) {
    boost::json::object details;
    details["email_domain"] = user->email.substr(user->email.rfind('@') + 1);
    auto e = event(who.user_id, audit_action::account_deleted, true, client, std::move(details));
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  if (!deleted) co_return fail(errc::user_not_found);
  co_return outcome<void>{};
}

}  // namespace auth::domain
