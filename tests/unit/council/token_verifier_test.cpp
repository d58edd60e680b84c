// Unit tests of token verification: JWKS keys, refetch on unknown kid (rate limited), cache, claims.
#include "common/core/time.hpp"
#include "common/crypto/jwt.hpp"
#include "council/access/token_verifier.hpp"
#include "support/run_sync.hpp"
#include <boost/json/object.hpp>
#include <catch2/catch.hpp>

using namespace council::access;
namespace jwt = common::jwt;

namespace {

struct signer {
  common::crypto::ed25519_private_key key = common::crypto::ed25519_private_key::generate();
  std::string kid;
  std::string token(std::string sub, long long exp_in = 900, std::string iss = "council-auth", std::string aud = "council") {
    long long now = common::unix_seconds();
    boost::json::object claims{{"iss", iss}, {"aud", aud}, {"sub", sub}, {"sid", "s"}, {"jti", "j"},
                               {"iat", now}, {"exp", now + exp_in}};
    return jwt::sign(key, kid, claims);
  }
};

struct jwks_server {
  jwt::key_set keys;
  int fetches = 0;
  bool up = true;
  jwks_fetcher fetcher() {
    return [this]() -> common::awaitable<std::optional<jwt::key_set>> {
      ++fetches;
      if (!up) co_return std::nullopt;
      co_return keys;
    };
  }
};

const std::string user = "6f1c2a4e-3b5d-4c7e-9f10-1a2b3c4d5e6f";

}  // namespace

TEST_CASE("valid tokens verify once and are then served from the cache", "[council][tokens]") {
  boost::asio::io_context io;
  signer s{.kid = "k1"};
  jwks_server jwks;
  jwks.keys.emplace("k1", s.key.public_raw());
  token_verifier v(jwks.fetcher(), "council-auth", "council", 100);
  test_support::run_sync(io, v.load_until_ready(std::chrono::milliseconds(1)));
  REQUIRE(v.ready());
  auto t = s.token(user);
  auto first = test_support::run_sync(io, v.verify(t));
  CHECK(first.status == token_status::valid);
  CHECK(first.user_id == user);
  CHECK(v.cached() == 1);
  CHECK(test_support::run_sync(io, v.verify(t)).status == token_status::valid);
  CHECK(v.cached() == 1);
}

TEST_CASE("wrong issuer, audience, expiry, subject or signature are refused", "[council][tokens]") {
  boost::asio::io_context io;
  signer s{.kid = "k1"};
  signer other{.kid = "k1"};
  jwks_server jwks;
  jwks.keys.emplace("k1", s.key.public_raw());
  token_verifier v(jwks.fetcher(), "council-auth", "council", 100);
  test_support::run_sync(io, v.load_until_ready(std::chrono::milliseconds(1)));
  auto refused = [&](std::string token) { return test_support::run_sync(io, v.verify(token)).status == token_status::invalid; };
  CHECK(refused(s.token(user, 900, "someone-else")));
  CHECK(refused(s.token(user, 900, "council-auth", "other")));
  CHECK(refused(s.token(user, -120)));
  CHECK(refused(s.token("not-a-uuid")));
  CHECK(refused(other.token(user)));
  CHECK(refused("garbage"));
  CHECK(v.cached() == 0);
}

TEST_CASE("an unknown kid refetches the JWKS, at most once per interval", "[council][tokens]") {
  boost::asio::io_context io;
  signer old_key{.kid = "k1"};
  signer new_key{.kid = "k2"};
  jwks_server jwks;
  jwks.keys.emplace("k1", old_key.key.public_raw());
  token_verifier v(jwks.fetcher(), "council-auth", "council", 100, std::chrono::hours(1));
  test_support::run_sync(io, v.load_until_ready(std::chrono::milliseconds(1)));
  CHECK(jwks.fetches == 1);
  jwks.keys.emplace("k2", new_key.key.public_raw());
  // The first fetch was just now: the rate limit forbids another one.
  CHECK(test_support::run_sync(io, v.verify(new_key.token(user))).status == token_status::invalid);
  CHECK(jwks.fetches == 1);

  token_verifier fresh(jwks.fetcher(), "council-auth", "council", 100, std::chrono::milliseconds(0));
  test_support::run_sync(io, fresh.load_until_ready(std::chrono::milliseconds(1)));
  signer newest{.kid = "k3"};
  jwks.keys.emplace("k3", newest.key.public_raw());
  int before = jwks.fetches;
  CHECK(test_support::run_sync(io, fresh.verify(newest.token(user))).status == token_status::valid);
  CHECK(jwks.fetches == before + 1);
}

TEST_CASE("without any JWKS the verifier reports unavailable keys, then recovers", "[council][tokens]") {
  boost::asio::io_context io;
  signer s{.kid = "k1"};
  jwks_server jwks;
  jwks.up = false;
  jwks.keys.emplace("k1", s.key.public_raw());
  token_verifier v(jwks.fetcher(), "council-auth", "council", 100, std::chrono::milliseconds(0));
  CHECK(test_support::run_sync(io, v.verify(s.token(user))).status == token_status::keys_unavailable);
  CHECK_FALSE(v.ready());
  jwks.up = true;
  CHECK(test_support::run_sync(io, v.verify(s.token(user))).status == token_status::valid);
  CHECK(v.ready());
}
