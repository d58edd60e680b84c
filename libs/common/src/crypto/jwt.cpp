// Compact JWS with EdDSA only: signing, JWKS encoding/parsing, and strict verification.
#include "common/crypto/jwt.hpp"
#include "common/crypto/encoding.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace common::jwt {
namespace json = boost::json;

std::string sign(const crypto::ed25519_private_key& key, std::string_view kid, const json::object& payload) {
  json::object header{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", kid}};
  std::string signing_input =
      crypto::base64url_encode(json::serialize(header)) + "." + crypto::base64url_encode(json::serialize(payload));
  std::string sig = key.sign(signing_input);
  return signing_input + "." + crypto::base64url_encode(sig);
}

json::object jwk_of(std::string_view kid, std::string_view public_raw) {
  return json::object{{"kty", "OKP"},  {"crv", "Ed25519"}, {"kid", kid},
                      {"x", crypto::base64url_encode(public_raw)}, {"use", "sig"}, {"alg", "EdDSA"}};
}

namespace {
const json::string* string_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? &it->value().get_string() : nullptr;
}
std::optional<long long> int_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().get_int64();
  if (it->value().is_uint64()) return static_cast<long long>(it->value().get_uint64());
  return std::nullopt;
}
std::optional<json::object> parse_object(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}
bool audience_matches(const json::object& payload, std::string_view want) {
  auto it = payload.find("aud");
  if (it == payload.end()) return false;
  if (it->value().is_string()) return it->value().get_string() == want;
  if (it->value().is_array()) {
    for (auto& a : it->value().get_array())
      if (a.is_string() && a.get_string() == want) return true;
  }
  return false;
}
}  // namespace

std::optional<key_set> parse_jwks(std::string_view json_text) {
  auto doc = parse_object(json_text);
  if (!doc) return std::nullopt;
  auto it = doc->find("keys");
  if (it == doc->end() || !it->value().is_array()) return std::nullopt;
  key_set keys;
  for (auto& k : it->value().get_array()) {
    if (!k.is_object()) continue;
    auto& o = k.get_object();
    auto kty = string_at(o, "kty");
    auto crv = string_at(o, "crv");
    auto kid = string_at(o, "kid");
    auto x = string_at(o, "x");
    auto use = string_at(o, "use");
    if (!kty || *kty != "OKP" || !crv || *crv != "Ed25519" || !kid || !x) continue;
    if (use && *use != "sig") continue;
    auto raw = crypto::base64url_decode(*x);
    if (!raw || raw->size() != 32) continue;
    keys.emplace(std::string(*kid), std::move(*raw));
  }
  return keys;
}

boost::system::result<claims, error> verify(std::string_view token, const key_set& keys, const expectations& want,
                                            std::string* unknown_kid) {
  if (token.size() > 8192) return error::malformed;
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return error::malformed;
  auto header_text = crypto::base64url_decode(token.substr(0, dot1));
  auto payload_text = crypto::base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = crypto::base64url_decode(token.substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return error::malformed;
  auto header = parse_object(*header_text);
  if (!header) return error::malformed;
  auto alg = string_at(*header, "alg");
  if (!alg || *alg != "EdDSA") return error::bad_algorithm;
  if (header->contains("jwk") || header->contains("jku") || header->contains("x5u") || header->contains("x5c"))
    return error::bad_algorithm;
  auto kid = string_at(*header, "kid");
  if (!kid) return error::unknown_kid;
  auto key = keys.find(std::string_view(*kid));
  if (key == keys.end()) {
    if (unknown_kid) *unknown_kid = std::string(*kid);
    return error::unknown_kid;
  }
  if (!key->second.verify(token.substr(0, dot2), *signature)) return error::bad_signature;
  auto payload = parse_object(*payload_text);
  if (!payload) return error::malformed;
  auto iss = string_at(*payload, "iss");
  if (!iss || *iss != want.issuer) return error::wrong_issuer;
  if (!audience_matches(*payload, want.audience)) return error::wrong_audience;
  auto exp = int_at(*payload, "exp");
  auto sub = string_at(*payload, "sub");
  if (!exp || !sub || sub->empty()) return error::missing_claim;
  if (*exp <= want.now - want.leeway) return error::expired;  // exp is the signer's: adding to it could overflow
  claims c;
  c.sub = std::string(*sub);
  if (auto sid = string_at(*payload, "sid")) c.sid = std::string(*sid);
  if (auto jti = string_at(*payload, "jti")) c.jti = std::string(*jti);
  c.iat = int_at(*payload, "iat").value_or(0);
  c.exp = *exp;
  return c;
}

}  // namespace common::jwt
