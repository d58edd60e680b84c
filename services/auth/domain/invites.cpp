// Invite issuing over storage/invites.
#include "auth/domain/invites.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/invites.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"

namespace auth::domain {
namespace {
constexpr std::size_t invite_code_bytes = 15;  // 20 base64url characters
}

std::string invite_code_hash(std::string_view code) { return common::crypto::sha256(trim(code)); }

common::awaitable<api::invite_out> issue_invite(common::pg::pool& db, invite_terms terms,
                                                std::optional<std::string> admin_id, client_info client) {
  std::string code = common::crypto::base64url_encode(common::crypto::random_bytes(invite_code_bytes));
  std::string hash = invite_code_hash(code);
  common::pg::transaction tx = co_await db.begin();
  storage::stored_invite stored =
      co_await storage::insert_invite(tx, std::move(hash), terms.uses, terms.lifetime_seconds, admin_id);
  boost::json::object details;
  details["invite_id"] = stored.id;
  details["uses"] = terms.uses;
  details["expires_at"] = stored.expires_at;
  auto e = event(std::move(admin_id), audit_action::invite_created, true, client, std::move(details));
  co_await record(tx, std::move(e));
  co_await tx.commit();
  co_return api::invite_out{std::move(code), terms.uses, std::move(stored.expires_at)};
}

}  // namespace auth::domain
