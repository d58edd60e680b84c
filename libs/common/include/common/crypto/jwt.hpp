// EdDSA (Ed25519) JSON Web Tokens: signing, JWKS, and pinned-algorithm verification.
#pragma once
#include "common/crypto/ed25519.hpp"
#include <boost/json/object.hpp>
#include <boost/system/result.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace common::jwt {

/// Verified access-token claims.
struct claims {
  std::string sub;
  std::string sid;
  std::string jti;
  long long iat = 0;
  long long exp = 0;
};

/// Why a token was refused (never shown in detail to clients).
enum class error { malformed = 1, bad_algorithm, unknown_kid, bad_signature, expired, wrong_issuer, wrong_audience, missing_claim };

/// Signs `payload` as a compact JWS with header {alg: EdDSA, typ: JWT, kid}.
std::string sign(const crypto::ed25519_private_key& key, std::string_view kid, const boost::json::object& payload);

/// Public keys by kid, e.g. parsed from a JWKS document; each key is parsed once when it enters the set.
using key_set = std::map<std::string, crypto::ed25519_public_key, std::less<>>;

/// JWKS JSON entry {kty: OKP, crv: Ed25519, kid, x, use: sig, alg: EdDSA}.
boost::json::object jwk_of(std::string_view kid, std::string_view public_raw);
/// Parses a JWKS document, keeping only Ed25519 signing keys; nullopt when not a JWKS.
std::optional<key_set> parse_jwks(std::string_view json_text);

/// What verify() expects of a token besides a good signature.
struct expectations {
  std::string issuer;
  std::string audience;
  long long now = 0;  // unix seconds; exp must be > now
  long long leeway = 0;  // seconds of clock skew tolerated on exp
};

/// Checks structure, alg == EdDSA exactly, kid in `keys`, signature, iss, aud, exp, sub.
/// Reports the kid of an unknown key through `unknown_kid` so callers can refetch their JWKS.
boost::system::result<claims, error> verify(std::string_view token, const key_set& keys, const expectations& want,
                                            std::string* unknown_kid = nullptr);

}  // namespace common::jwt
