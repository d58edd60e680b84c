// Access tokens (EdDSA JWTs with kid), the JWKS document, and opaque refresh tokens.
#pragma once
#include "common/crypto/ed25519.hpp"
#include "common/crypto/jwt.hpp"
#include "common/crypto/verified_tokens.hpp"
#include "auth/settings.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace auth::domain {

/// kid of a public key: the first 16 base64url characters of SHA-256 of the raw key.
std::string key_id(std::string_view public_raw);

/// Signs and verifies access tokens with the current key; the previous key (if any) still verifies.
/// Thread-safe: one instance serves every I/O thread.
class token_service {
public:
  /// Loads the PEM keys of `s`; throws std::runtime_error when a key is not Ed25519.
  explicit token_service(const token_settings& s);

  /// A signed access token for `user_id` in session `session_id`, valid access_ttl() seconds from now.
  std::string issue_access(std::string_view user_id, std::string_view session_id) const;
  /// Verifies signature (pinned EdDSA, known kid), iss, aud and exp. A token verified before is found in a
  /// bounded cache until its exp instead (the caller still checks its session, so revocation is immediate).
  boost::system::result<common::jwt::claims, common::jwt::error> verify_access(std::string_view token) const;
  /// `{"keys": [...]}` with the current key first.
  boost::json::object jwks() const;
  /// kid of the current signing key.
  const std::string& kid() const { return kid_; }
  long long access_ttl() const { return access_ttl_; }
  long long session_lifetime() const { return session_lifetime_; }
  long long reuse_grace() const { return reuse_grace_; }

private:
  common::crypto::ed25519_private_key key_;
  std::string kid_;
  common::jwt::key_set keys_;
  mutable common::jwt::verified_tokens verified_;
  std::string issuer_;
  std::string audience_;
  long long access_ttl_;
  long long session_lifetime_;
  long long reuse_grace_;
};

/// A new refresh token: 32 random bytes, base64url.
std::string new_refresh_token();
/// What is stored for a refresh token: its raw SHA-256.
std::string refresh_token_hash(std::string_view token);
/// Seals `next_token` so that only a holder of `holder_token` can open it (two-tab refresh grace).
std::string seal_for_holder(std::string_view holder_token, std::string_view next_token);
/// Opens what seal_for_holder produced; nullopt when `holder_token` is not the one it was sealed for.
std::optional<std::string> open_for_holder(std::string_view holder_token, std::string_view sealed);

}  // namespace auth::domain
