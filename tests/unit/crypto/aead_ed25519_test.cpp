// AES-256-GCM sealing and Ed25519 signatures, including RFC 8032 test vector 1.
#include "common/crypto/aead.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include <catch2/catch.hpp>

using namespace common::crypto;

namespace {
std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}
}  // namespace

TEST_CASE("AES-256-GCM round trips and refuses tampering, wrong key and wrong AAD", "[crypto]") {
  std::string key = random_bytes(32);
  std::string sealed = aes256gcm_seal(key, "sk-or-v1-secret", "user-1|openrouter");
  CHECK(sealed.size() == 12 + 15 + 16);
  CHECK(sealed.find("sk-or-v1-secret") == std::string::npos);
  CHECK(aes256gcm_open(key, sealed, "user-1|openrouter").value() == "sk-or-v1-secret");
  CHECK_FALSE(aes256gcm_open(key, sealed, "user-2|openrouter").has_value());
  CHECK_FALSE(aes256gcm_open(random_bytes(32), sealed, "user-1|openrouter").has_value());
  std::string tampered = sealed;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  CHECK_FALSE(aes256gcm_open(key, tampered, "user-1|openrouter").has_value());
  CHECK_FALSE(aes256gcm_open(key, sealed.substr(0, 20), "user-1|openrouter").has_value());
  CHECK(aes256gcm_seal(key, "same", "") != aes256gcm_seal(key, "same", ""));  // fresh nonce each time
}

TEST_CASE("Ed25519 verifies RFC 8032 test vector 1", "[crypto]") {
  std::string pub = from_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::string sig = from_hex(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  CHECK(ed25519_verify(pub, "", sig));
  CHECK_FALSE(ed25519_verify(pub, "x", sig));
}

TEST_CASE("Ed25519 keys sign, verify and survive a PEM round trip", "[crypto]") {
  auto key = ed25519_private_key::generate();
  auto sig = key.sign("message");
  CHECK(ed25519_verify(key.public_raw(), "message", sig));
  auto again = ed25519_private_key::from_pem(key.to_pem());
  CHECK(again.public_raw() == key.public_raw());
  CHECK_THROWS(ed25519_private_key::from_pem("not a key"));
}
