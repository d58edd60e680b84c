// The operator's JWT signing-key rotation runbook (deploy/README.md) against the real services: publish the new
// key as the previous one, swap, then drop the old one; no request of a signed-in user is refused on the way.
#include "integration/council/council_fixture.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace council_test;
namespace json = boost::json;

namespace {

std::string write_new_key(const std::string& path) {
  std::ofstream out(path);
  out << common::crypto::ed25519_private_key::generate().to_pem();
  return path;
}

std::vector<std::string> published_kids(council_fixture& stack) {
  auto jwks = json_of(stack.auth.call("GET", "/.well-known/jwks.json"));
  std::vector<std::string> kids;
  for (const auto& k : jwks.at("keys").as_array()) kids.push_back(field(k, "kid"));
  return kids;
}

std::string kid_of(const std::string& token) {
  auto header = token.substr(0, token.find('.'));
  auto decoded = common::crypto::base64url_decode(header);
  REQUIRE(decoded);
  return field(boost::json::parse(*decoded), "kid");
}

}  // namespace

TEST_CASE("JWT signing key rotation: publish, swap, retire without a single 401", "[council][rotation]") {
  council_fixture stack(overrides{{"JWKS_REFRESH_SECONDS", "1"}});
  const std::string old_key = stack.auth.environment().at("JWT_SIGNING_KEY_FILE");
  const std::string new_key = write_new_key(old_key + ".new");
  auto before = stack.user("rotation@example.com", "");
  const std::string old_kid = kid_of(before);
  REQUIRE(stack.call("GET", "/api/conversations", "", before).status == 200);

  // 1. Publish: the new key is served in the JWKS as the previous key; tokens are still signed by the old one.
  stack.auth.restart({{"JWT_PREVIOUS_KEY_FILE", new_key}});
  auto kids = published_kids(stack);
  REQUIRE(kids.size() == 2);
  CHECK(kids[0] == old_kid);
  CHECK(stack.call("GET", "/api/conversations", "", before).status == 200);
  CHECK(stack.auth.call("GET", "/api/auth/me", "", before).status == 200);
  // The runbook waits JWKS_REFRESH_SECONDS after publishing, so every council replica knows the new key.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));

  // 2. Swap: sign with the new key, keep the old one as previous. Old and new tokens both work everywhere.
  stack.auth.restart({{"JWT_SIGNING_KEY_FILE", new_key}, {"JWT_PREVIOUS_KEY_FILE", old_key}});
  auto after = stack.auth.login("rotation@example.com", "correct horse battery").access;
  const std::string new_kid = kid_of(after);
  CHECK(new_kid != old_kid);
  CHECK(published_kids(stack) == std::vector<std::string>{new_kid, old_kid});
  CHECK(stack.call("GET", "/api/conversations", "", after).status == 200);  // council refetches on the new kid
  CHECK(stack.call("GET", "/api/conversations", "", before).status == 200);
  CHECK(stack.auth.call("GET", "/api/auth/me", "", before).status == 200);
  CHECK(stack.auth.call("GET", "/api/auth/me", "", after).status == 200);

  // 3. Retire: only the new key remains; tokens signed by the old key are refused by the auth service.
  stack.auth.restart({{"JWT_PREVIOUS_KEY_FILE", ""}});
  CHECK(published_kids(stack) == std::vector<std::string>{new_kid});
  CHECK(stack.auth.call("GET", "/api/auth/me", "", after).status == 200);
  CHECK(stack.auth.call("GET", "/api/auth/me", "", before).status == 401);
  CHECK(stack.call("GET", "/api/conversations", "", after).status == 200);
  std::filesystem::remove(new_key);
}
