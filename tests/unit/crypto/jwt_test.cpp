// JWT verification refuses every token that is not exactly what we issue.
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/jwt.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

using namespace common;
namespace json = boost::json;

namespace {
struct fixture {
  crypto::ed25519_private_key key = crypto::ed25519_private_key::generate();
  jwt::key_set keys{{"k1", key.public_raw()}};
  jwt::expectations want{"council-auth", "council", 1'000'000, 0};
  json::object payload() const {
    return {{"iss", "council-auth"}, {"aud", "council"}, {"sub", "user-1"}, {"sid", "s-1"},
            {"iat", 999'000}, {"exp", 1'000'900}, {"jti", "j-1"}};
  }
};
std::string forge(std::string_view alg, const json::object& payload, std::string_view sig) {
  json::object header{{"alg", alg}, {"typ", "JWT"}, {"kid", "k1"}};
  return crypto::base64url_encode(json::serialize(header)) + "." + crypto::base64url_encode(json::serialize(payload)) +
         "." + crypto::base64url_encode(sig);
}
}  // namespace

TEST_CASE("a token we signed verifies and yields its claims", "[jwt]") {
  fixture f;
  auto c = jwt::verify(jwt::sign(f.key, "k1", f.payload()), f.keys, f.want);
  REQUIRE(c.has_value());
  CHECK(c->sub == "user-1");
  CHECK(c->sid == "s-1");
  CHECK(c->exp == 1'000'900);
}

TEST_CASE("alg none, HS256 with the public key, unknown kid and tampering are refused", "[jwt]") {
  fixture f;
  CHECK(jwt::verify(forge("none", f.payload(), ""), f.keys, f.want).error() == jwt::error::bad_algorithm);
  std::string hs = forge("HS256", f.payload(), "");
  hs.pop_back();  // drop the '.' before the empty signature
  std::string forged = hs + "." + crypto::base64url_encode(crypto::hmac_sha256(f.key.public_raw(), hs));
  CHECK(jwt::verify(forged, f.keys, f.want).error() == jwt::error::bad_algorithm);

  std::string unknown;
  auto other = crypto::ed25519_private_key::generate();
  CHECK(jwt::verify(jwt::sign(other, "k2", f.payload()), f.keys, f.want, &unknown).error() == jwt::error::unknown_kid);
  CHECK(unknown == "k2");
  CHECK(jwt::verify(jwt::sign(other, "k1", f.payload()), f.keys, f.want).error() == jwt::error::bad_signature);

  std::string token = jwt::sign(f.key, "k1", f.payload());
  auto parts_end = token.rfind('.');
  auto evil = f.payload();
  evil["sub"] = "admin";
  std::string tampered = token.substr(0, token.find('.') + 1) + crypto::base64url_encode(json::serialize(evil)) +
                         token.substr(parts_end);
  CHECK(jwt::verify(tampered, f.keys, f.want).error() == jwt::error::bad_signature);
  CHECK(jwt::verify("a.b", f.keys, f.want).error() == jwt::error::malformed);
  CHECK(jwt::verify("!!.??.**", f.keys, f.want).error() == jwt::error::malformed);
}

TEST_CASE("expired, wrong audience and wrong issuer are refused", "[jwt]") {
  fixture f;
  auto p = f.payload();
  p["exp"] = 999'999;
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::expired);
  p = f.payload();
  p["aud"] = "someone-else";
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::wrong_audience);
  p = f.payload();
  p["iss"] = "evil";
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::wrong_issuer);
  p = f.payload();
  p.erase("sub");
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::missing_claim);
}

TEST_CASE("expiry at the ends of the integer range is compared without overflow", "[jwt]") {
  fixture f;
  f.want.leeway = 30;
  auto p = f.payload();
  p["exp"] = std::numeric_limits<std::int64_t>::max();  // found by tests/fuzz/jwt_fuzz (corpus/jwt/s_exp_max)
  auto far = jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want);
  REQUIRE(far.has_value());
  CHECK(far->exp == std::numeric_limits<std::int64_t>::max());
  p["exp"] = std::numeric_limits<std::int64_t>::min();
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::expired);
  p["exp"] = f.want.now - 30;
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).error() == jwt::error::expired);
  p["exp"] = f.want.now - 29;
  CHECK(jwt::verify(jwt::sign(f.key, "k1", p), f.keys, f.want).has_value());
}

TEST_CASE("JWKS documents round trip and skip foreign key types", "[jwt]") {
  fixture f;
  json::object doc{{"keys", json::array{jwt::jwk_of("k1", f.key.public_raw()),
                                        json::object{{"kty", "RSA"}, {"kid", "r1"}, {"n", "AQAB"}, {"e", "AQAB"}}}}};
  auto keys = jwt::parse_jwks(json::serialize(doc));
  REQUIRE(keys.has_value());
  CHECK(keys->size() == 1);
  CHECK(keys->at("k1") == f.key.public_raw());
  CHECK_FALSE(jwt::parse_jwks("[]").has_value());
  CHECK_FALSE(jwt::parse_jwks("{").has_value());
}
