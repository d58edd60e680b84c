// auth token_service: issued tokens verify; forged, foreign, expired and mis-addressed tokens do not;
// refresh-token helpers and the two-tab grace sealing.
#include "common/core/time.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "auth/domain/tokens.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <set>

using namespace auth;
namespace crypto = common::crypto;
namespace json = boost::json;

namespace {

token_settings settings_with(const crypto::ed25519_private_key& key) {
  token_settings s;
  s.issuer = "council-auth";
  s.audience = "council";
  s.signing_key_pem = key.to_pem();
  s.access_ttl = 900;
  return s;
}

json::object claims_now() {
  long long now = common::unix_seconds();
  return {{"iss", "council-auth"}, {"aud", "council"}, {"sub", "7d1f0c3e-6a57-4c2e-9a43-3b1f7e5a9c10"},
          {"sid", "0b8e1f0e-2f3a-4c55-8d7e-5f6a7b8c9d0e"}, {"iat", now}, {"exp", now + 600}, {"jti", "j"}};
}

std::string forge(std::string_view alg, std::string_view kid, const json::object& payload) {
  json::object header{{"alg", alg}, {"typ", "JWT"}, {"kid", kid}};
  return crypto::base64url_encode(json::serialize(header)) + "." + crypto::base64url_encode(json::serialize(payload));
}

std::string str(const json::value& v) { return std::string(v.as_string()); }

json::object payload_of(const std::string& token) {
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  return json::parse(*crypto::base64url_decode(token.substr(first + 1, second - first - 1))).as_object();
}

}  // namespace

TEST_CASE("issued access tokens carry the auth claims and verify", "[auth][tokens]") {
  auto key = crypto::ed25519_private_key::generate();
  domain::token_service tokens(settings_with(key));
  std::string token = tokens.issue_access("7d1f0c3e-6a57-4c2e-9a43-3b1f7e5a9c10", "0b8e1f0e-2f3a-4c55-8d7e-5f6a7b8c9d0e");
  auto claims = tokens.verify_access(token);
  REQUIRE(claims.has_value());
  CHECK(claims->sub == "7d1f0c3e-6a57-4c2e-9a43-3b1f7e5a9c10");
  CHECK(claims->sid == "0b8e1f0e-2f3a-4c55-8d7e-5f6a7b8c9d0e");
  CHECK(claims->exp - claims->iat == 900);
  CHECK_FALSE(claims->jti.empty());

  json::object payload = payload_of(token);
  CHECK(str(payload.at("iss")) == "council-auth");
  CHECK(str(payload.at("aud")) == "council");
  json::object header = json::parse(*crypto::base64url_decode(token.substr(0, token.find('.')))).as_object();
  CHECK(str(header.at("alg")) == "EdDSA");
  CHECK(str(header.at("kid")) == tokens.kid());
  CHECK(tokens.issue_access("u", "s") != tokens.issue_access("u", "s"));  // fresh jti
}

TEST_CASE("kid is the first 16 base64url characters of SHA-256 of the raw public key", "[auth][tokens]") {
  auto key = crypto::ed25519_private_key::generate();
  domain::token_service tokens(settings_with(key));
  std::string expected = crypto::base64url_encode(crypto::sha256(key.public_raw())).substr(0, 16);
  CHECK(tokens.kid() == expected);
  CHECK(domain::key_id(key.public_raw()) == expected);
  json::array keys = tokens.jwks().at("keys").as_array();
  REQUIRE(keys.size() == 1);
  CHECK(str(keys[0].at("kid")) == expected);
  CHECK(str(keys[0].at("x")) == crypto::base64url_encode(key.public_raw()));
  CHECK(str(keys[0].at("alg")) == "EdDSA");
}

TEST_CASE("alg none, HS256 keyed with the public key, unknown kid and tampered payload are refused",
          "[auth][tokens]") {
  auto key = crypto::ed25519_private_key::generate();
  domain::token_service tokens(settings_with(key));

  CHECK_FALSE(tokens.verify_access(forge("none", tokens.kid(), claims_now()) + ".").has_value());

  std::string signing_input = forge("HS256", tokens.kid(), claims_now());
  std::string hs256 = signing_input + "." + crypto::base64url_encode(crypto::hmac_sha256(key.public_raw(), signing_input));
  CHECK(tokens.verify_access(hs256).error() == common::jwt::error::bad_algorithm);

  auto stranger = crypto::ed25519_private_key::generate();
  std::string foreign = common::jwt::sign(stranger, domain::key_id(stranger.public_raw()), claims_now());
  CHECK(tokens.verify_access(foreign).error() == common::jwt::error::unknown_kid);
  std::string impostor = common::jwt::sign(stranger, tokens.kid(), claims_now());
  CHECK(tokens.verify_access(impostor).error() == common::jwt::error::bad_signature);

  std::string token = tokens.issue_access("7d1f0c3e-6a57-4c2e-9a43-3b1f7e5a9c10", "0b8e1f0e-2f3a-4c55-8d7e-5f6a7b8c9d0e");
  json::object evil = payload_of(token);
  evil["sub"] = "00000000-0000-0000-0000-000000000000";
  std::string tampered = token.substr(0, token.find('.') + 1) + crypto::base64url_encode(json::serialize(evil)) +
                         token.substr(token.rfind('.'));
  CHECK_FALSE(tokens.verify_access(tampered).has_value());
}

TEST_CASE("expired tokens, wrong audience, wrong issuer and a missing sid are refused", "[auth][tokens]") {
  auto key = crypto::ed25519_private_key::generate();
  domain::token_service tokens(settings_with(key));
  auto p = claims_now();
  p["exp"] = common::unix_seconds() - 3600;
  p["iat"] = common::unix_seconds() - 4500;
  CHECK(tokens.verify_access(common::jwt::sign(key, tokens.kid(), p)).error() == common::jwt::error::expired);
  p = claims_now();
  p["aud"] = "other-service";
  CHECK(tokens.verify_access(common::jwt::sign(key, tokens.kid(), p)).error() == common::jwt::error::wrong_audience);
  p = claims_now();
  p["iss"] = "someone-else";
  CHECK(tokens.verify_access(common::jwt::sign(key, tokens.kid(), p)).error() == common::jwt::error::wrong_issuer);
  p = claims_now();
  p.erase("sid");
  CHECK_FALSE(tokens.verify_access(common::jwt::sign(key, tokens.kid(), p)).has_value());
  CHECK(tokens.verify_access(common::jwt::sign(key, tokens.kid(), claims_now())).has_value());
}

TEST_CASE("during a signing-key rotation the previous key still verifies and is published", "[auth][tokens]") {
  auto old_key = crypto::ed25519_private_key::generate();
  auto new_key = crypto::ed25519_private_key::generate();
  domain::token_service before(settings_with(old_key));
  std::string old_token = before.issue_access("7d1f0c3e-6a57-4c2e-9a43-3b1f7e5a9c10", "0b8e1f0e-2f3a-4c55-8d7e-5f6a7b8c9d0e");

  token_settings s = settings_with(new_key);
  s.previous_key_pem = old_key.to_pem();
  domain::token_service during(s);
  CHECK(during.verify_access(old_token).has_value());
  json::array keys = during.jwks().at("keys").as_array();
  REQUIRE(keys.size() == 2);
  CHECK(str(keys[0].at("kid")) == during.kid());
  CHECK(str(keys[1].at("kid")) == before.kid());

  domain::token_service after(settings_with(new_key));
  CHECK(after.verify_access(old_token).error() == common::jwt::error::unknown_kid);
}

TEST_CASE("refresh tokens are 256 random bits, stored as SHA-256, and the grace seal opens only for its holder",
          "[auth][tokens]") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string t = domain::new_refresh_token();
    CHECK(crypto::base64url_decode(t)->size() == 32);
    seen.insert(t);
  }
  CHECK(seen.size() == 50);
  std::string token = domain::new_refresh_token();
  CHECK(domain::refresh_token_hash(token) == crypto::sha256(token));

  std::string next = domain::new_refresh_token();
  std::string sealed = domain::seal_for_holder(token, next);
  CHECK(sealed.find(next) == std::string::npos);
  CHECK(domain::open_for_holder(token, sealed) == next);
  CHECK_FALSE(domain::open_for_holder(domain::new_refresh_token(), sealed).has_value());
  sealed[sealed.size() - 1] ^= 1;
  CHECK_FALSE(domain::open_for_holder(token, sealed).has_value());
}
