// Token issuing and checking on top of common::jwt and common::crypto.
#include "auth/domain/tokens.hpp"
#include "common/core/time.hpp"
#include "common/core/uuid.hpp"
#include "common/crypto/aead.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include <boost/json/array.hpp>

namespace auth::domain {
namespace {
constexpr std::string_view grace_label = "council-refresh-grace-v1";
// Verified access tokens remembered (about 0.5 KiB each): a busy instance's live tokens of one TTL.
constexpr std::size_t verified_cache_size = 10000;
}

std::string key_id(std::string_view public_raw) {
  return common::crypto::base64url_encode(common::crypto::sha256(public_raw)).substr(0, 16);
}

token_service::token_service(const token_settings& s)
    : key_(common::crypto::ed25519_private_key::from_pem(s.signing_key_pem)),
      kid_(key_id(key_.public_raw())),
      verified_(verified_cache_size),
      issuer_(s.issuer),
      audience_(s.audience),
      access_ttl_(s.access_ttl),
      session_lifetime_(s.session_lifetime),
      reuse_grace_(s.reuse_grace) {
  keys_.emplace(kid_, key_.public_raw());
  if (s.previous_key_pem) {
    auto previous = common::crypto::ed25519_private_key::from_pem(*s.previous_key_pem);
    keys_.emplace(key_id(previous.public_raw()), previous.public_raw());
  }
}

std::string token_service::issue_access(std::string_view user_id, std::string_view session_id) const {
  long long now = common::unix_seconds();
  boost::json::object payload;
  payload["iss"] = issuer_;
  payload["aud"] = audience_;
  payload["sub"] = user_id;
  payload["sid"] = session_id;
  payload["iat"] = now;
  payload["exp"] = now + access_ttl_;
  payload["jti"] = common::random_uuid();
  payload["typ"] = "access";
  return common::jwt::sign(key_, kid_, payload);
}

boost::system::result<common::jwt::claims, common::jwt::error> token_service::verify_access(
    std::string_view token) const {
  const long long now = common::unix_seconds();
  if (auto known = verified_.find(token, now)) return std::move(*known);
  common::jwt::expectations want;
  want.issuer = issuer_;
  want.audience = audience_;
  want.now = now;
  auto verified = common::jwt::verify(token, keys_, want);
  if (verified && verified->sid.empty()) return common::jwt::error::missing_claim;
  if (verified) verified_.insert(token, *verified);
  return verified;
}

boost::json::object token_service::jwks() const {
  boost::json::array keys;
  keys.push_back(common::jwt::jwk_of(kid_, key_.public_raw()));
  for (const auto& [kid, key] : keys_)
    if (kid != kid_) keys.push_back(common::jwt::jwk_of(kid, key.raw()));
  boost::json::object doc;
  doc["keys"] = std::move(keys);
  return doc;
}

std::string new_refresh_token() { return common::crypto::base64url_encode(common::crypto::random_bytes(32)); }

std::string refresh_token_hash(std::string_view token) { return common::crypto::sha256(token); }

std::string seal_for_holder(std::string_view holder_token, std::string_view next_token) {
  std::string key = common::crypto::hmac_sha256(holder_token, grace_label);
  std::string sealed = common::crypto::aes256gcm_seal(key, next_token, grace_label);
  common::crypto::wipe(key);
  return sealed;
}

std::optional<std::string> open_for_holder(std::string_view holder_token, std::string_view sealed) {
  std::string key = common::crypto::hmac_sha256(holder_token, grace_label);
  auto opened = common::crypto::aes256gcm_open(key, sealed, grace_label);
  common::crypto::wipe(key);
  return opened;
}

}  // namespace auth::domain
