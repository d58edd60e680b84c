// Password-reset use cases over storage/password_resets.
#include "auth/domain/password_resets.hpp"
#include "auth/domain/audit.hpp"
#include "auth/storage/password_resets.hpp"
#include "auth/storage/users.hpp"
#include "common/core/uuid.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"

namespace auth::domain {
namespace {

constexpr std::size_t reset_token_bytes = 32;
constexpr std::size_t max_token_length = 128;

boost::json::object reason(std::string_view why) {
  boost::json::object d;
  d["reason"] = why;
  return d;
}

/// The refusal of a token that exists but cannot be used, audited on its account.
common::awaitable<failure> refuse_stored(common::pg::pool& db, storage::reset_token_state state, client_info client) {
  std::string_view why = state.used ? "used" : "expired";
  auto e = event(std::move(state.user_id), audit_action::password_reset, false, client, reason(why));
  co_await record(db, std::move(e));
  if (state.used) co_return fail(errc::reset_token_invalid, "This reset link has already been used.");
  co_return fail(errc::reset_token_invalid, "This reset link has expired.");
}

}  // namespace

std::string reset_link(std::string_view app_url, std::string_view token) {
  return std::string(app_url) + "/#/reset?token=" + std::string(token);
}

common::awaitable<outcome<api::reset_link_out>> issue_password_reset(admin_services svc, std::string user_id,
                                                                     std::optional<std::string> admin_id,
                                                                     client_info client) {
  if (!common::is_uuid(user_id)) co_return fail(errc::user_not_found);
  auto user = co_await storage::find_user(svc.db, user_id);
  if (!user) co_return fail(errc::user_not_found);
  std::string token = common::crypto::base64url_encode(common::crypto::random_bytes(reset_token_bytes));
  std::string hash = common::crypto::sha256(token);
  common::pg::transaction tx = co_await svc.db.begin();
  std::string expires_at = co_await storage::insert_reset_token(tx, std::move(hash), user_id, reset_token_lifetime);
  boost::json::object details;
  details["expires_at"] = expires_at;
  if (admin_id) {
    boost::json::object on_admin = details;
    on_admin["target_user_id"] = user_id;
    details["admin_user_id"] = *admin_id;
    auto by_admin = event(std::move(admin_id), audit_action::password_reset_issued, true, client, std::move(on_admin));
    co_await record(tx, std::move(by_admin));
  }
  auto e = event(std::move(user_id), audit_action::password_reset_issued, true, client, std::move(details));
  co_await record(tx, std::move(e));
  co_await tx.commit();
  std::string link = reset_link(svc.accounts.app_url, token);
  co_return api::reset_link_out{std::move(link), std::move(token), std::move(expires_at)};
}

common::awaitable<outcome<void>> reset_password(services& svc, std::string token, std::string new_password,
                                                client_info client) {
  if (token.empty() || token.size() > max_token_length) co_return fail(errc::reset_token_invalid);
  std::string hash = common::crypto::sha256(token);
  auto state = co_await storage::find_reset_token(svc.db, hash);
  if (!state) co_return fail(errc::reset_token_invalid);
  if (state->used || state->expired) {
    failure refused = co_await refuse_stored(svc.db, std::move(*state), client);
    co_return refused;
  }
  std::string password_hash = co_await svc.passwords.hash(std::move(new_password));
  common::pg::transaction tx = co_await svc.db.begin();
  auto done = co_await storage::complete_reset(tx, hash, std::move(password_hash));
  if (done) {
    boost::json::object details;
    details["sessions_ended"] = done->sessions_ended;
    auto e = event(done->user_id, audit_action::password_reset, true, client, std::move(details));
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  if (!done) {  // used or expired meanwhile
    auto now_state = co_await storage::find_reset_token(svc.db, std::move(hash));
    if (!now_state) co_return fail(errc::reset_token_invalid);
    failure refused = co_await refuse_stored(svc.db, std::move(*now_state), client);
    co_return refused;
  }
  co_return outcome<void>{};
}

}  // namespace auth::domain
