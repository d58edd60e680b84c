// Envelope encryption of provider keys: round trip, tampering, rows moved between users, KEK rotation.
#include "common/crypto/hash.hpp"
#include "auth/domain/key_vault.hpp"
#include <catch2/catch.hpp>

using namespace auth;

namespace {
const std::string alice = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const std::string bob = "0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3";
const std::string key_text = "sk-or-v1-0123456789abcdef";

kek_map keks(std::initializer_list<int> versions) {
  kek_map m;
  for (int v : versions) m[v] = common::crypto::sha256("kek-" + std::to_string(v));
  return m;
}
}  // namespace

TEST_CASE("a sealed key and endpoint open again, and nothing is stored in clear", "[auth][vault]") {
  domain::key_vault vault(keks({1}));
  std::optional<std::string> endpoint = "https://llm.example.com/v1";
  domain::envelope env = vault.seal(alice, "openrouter", key_text, endpoint);
  CHECK(env.kek_version == 1);
  CHECK(env.sealed_key.find(key_text) == std::string::npos);
  CHECK(env.sealed_endpoint->find("llm.example.com") == std::string::npos);
  auto opened = vault.open(alice, "openrouter", env);
  REQUIRE(opened);
  CHECK(opened->api_key == key_text);
  CHECK(opened->endpoint == endpoint);

  domain::envelope again = vault.seal(alice, "openrouter", key_text, std::nullopt);
  CHECK(again.wrapped_data_key != env.wrapped_data_key);  // fresh data key per record
  CHECK(again.sealed_key != env.sealed_key);
  CHECK_FALSE(vault.open(alice, "openrouter", again)->endpoint.has_value());
}

TEST_CASE("a tampered tag, wrapped key or payload does not open", "[auth][vault]") {
  domain::key_vault vault(keks({1}));
  domain::envelope env = vault.seal(alice, "openrouter", key_text, std::string("https://a.example/v1"));
  auto flip_last = [](std::string s) {
    s.back() ^= 0x01;
    return s;
  };
  domain::envelope bad = env;
  bad.sealed_key = flip_last(env.sealed_key);
  CHECK_FALSE(vault.open(alice, "openrouter", bad));
  bad = env;
  bad.wrapped_data_key = flip_last(env.wrapped_data_key);
  CHECK_FALSE(vault.open(alice, "openrouter", bad));
  bad = env;
  bad.sealed_endpoint = flip_last(*env.sealed_endpoint);
  CHECK_FALSE(vault.open(alice, "openrouter", bad));
  bad = env;
  std::swap(bad.sealed_key, *bad.sealed_endpoint);
  CHECK_FALSE(vault.open(alice, "openrouter", bad));
}

TEST_CASE("ciphertext moved to another user's row or another provider does not open", "[auth][vault]") {
  domain::key_vault vault(keks({1}));
  domain::envelope alices = vault.seal(alice, "openrouter", key_text, std::nullopt);
  domain::envelope bobs = vault.seal(bob, "openrouter", "sk-or-v1-bob-key-000000", std::nullopt);
  CHECK_FALSE(vault.open(bob, "openrouter", alices));
  CHECK_FALSE(vault.open(alice, "other", alices));
  domain::envelope mixed = bobs;
  mixed.sealed_key = alices.sealed_key;  // payload moved, Bob's data key kept
  CHECK_FALSE(vault.open(bob, "openrouter", mixed));
  mixed = alices;
  mixed.wrapped_data_key = bobs.wrapped_data_key;
  CHECK_FALSE(vault.open(alice, "openrouter", mixed));
}

TEST_CASE("rotation rewraps the data key only; the old KEK can then be dropped", "[auth][vault]") {
  domain::key_vault v1(keks({1}));
  domain::envelope env = v1.seal(alice, "openrouter", key_text, std::string("https://a.example/v1"));

  domain::key_vault v12(keks({1, 2}));
  CHECK(v12.newest_version() == 2);
  CHECK(v12.open(alice, "openrouter", env)->api_key == key_text);  // old versions still decrypt
  auto rewrapped = v12.rewrap(alice, "openrouter", env);
  REQUIRE(rewrapped);
  CHECK(rewrapped->kek_version == 2);
  CHECK(rewrapped->sealed_key == env.sealed_key);  // payload untouched
  CHECK(rewrapped->sealed_endpoint == env.sealed_endpoint);
  CHECK(rewrapped->wrapped_data_key != env.wrapped_data_key);

  domain::key_vault v2(keks({2}));
  CHECK(v2.open(alice, "openrouter", *rewrapped)->api_key == key_text);
  CHECK_FALSE(v2.open(alice, "openrouter", env));  // KEK 1 is gone
  CHECK_FALSE(v2.rewrap(alice, "openrouter", env));

  domain::envelope relabelled = *rewrapped;
  relabelled.kek_version = 1;  // the version is bound into the wrap's AAD
  CHECK_FALSE(v12.open(alice, "openrouter", relabelled));
}

TEST_CASE("the endpoint can be replaced and cleared without touching the key", "[auth][vault]") {
  domain::key_vault vault(keks({3}));
  domain::envelope env = vault.seal(alice, "openrouter", key_text, std::nullopt);
  auto with = vault.with_endpoint(alice, "openrouter", env, std::string("https://b.example/v1"));
  REQUIRE(with);
  CHECK(with->sealed_key == env.sealed_key);
  CHECK(vault.open(alice, "openrouter", *with)->endpoint == "https://b.example/v1");
  auto cleared = vault.with_endpoint(alice, "openrouter", *with, std::nullopt);
  CHECK_FALSE(cleared->sealed_endpoint.has_value());
  CHECK(vault.open(alice, "openrouter", *cleared)->api_key == key_text);
}

TEST_CASE("a vault needs at least one 32-byte KEK", "[auth][vault]") {
  CHECK_THROWS(domain::key_vault(kek_map{}));
  CHECK_THROWS(domain::key_vault(kek_map{{1, "short"}}));
}
