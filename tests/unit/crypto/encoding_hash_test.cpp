// Published vectors for base64/base64url (RFC 4648), SHA-256 (FIPS 180-2) and HMAC-SHA256 (RFC 4231); wiping.
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/crypto/wiping_allocator.hpp"
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <vector>

using namespace common::crypto;

TEST_CASE("base64 matches RFC 4648 test vectors", "[crypto]") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_decode("Zm9vYmE=").value() == "fooba");
  CHECK(base64_decode("Zm9vYmE").value() == "fooba");
}

TEST_CASE("base64url uses the URL alphabet without padding and rejects junk", "[crypto]") {
  const std::string bytes("\xfb\xff\xbf", 3);
  CHECK(base64url_encode(bytes) == "-_-_");
  CHECK(base64_encode(bytes) == "+/+/");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_decode("-_-_").value() == bytes);
  CHECK_FALSE(base64url_decode("+/+/").has_value());
  CHECK_FALSE(base64url_decode("Zg$").has_value());
  CHECK_FALSE(base64url_decode("Z").has_value());
  CHECK_FALSE(base64url_decode("Zh").has_value());  // non-canonical trailing bits
}

TEST_CASE("SHA-256 matches FIPS 180-2 vectors", "[crypto]") {
  CHECK(hex_encode(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex_encode(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_encode(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2", "[crypto]") {
  CHECK(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("constant_time_equal and wipe", "[crypto]") {
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));
  std::string secret = "sk-secret";
  wipe(secret);
  CHECK(secret.empty());
  CHECK(random_bytes(32).size() == 32);
  CHECK(random_bytes(32) != random_bytes(32));
}

TEST_CASE("wipe_bytes zeroes a block; wiping_allocator serves containers", "[crypto]") {
  char block[16];
  std::memcpy(block, "sk-or-v1-secret!", 16);
  wipe_bytes(block, sizeof block);
  CHECK(std::all_of(std::begin(block), std::end(block), [](char c) { return c == 0; }));
  wipe_bytes(nullptr, 0);  // no-op

  std::vector<char, wiping_allocator<char>> grown;
  for (char c : std::string_view("Bearer sk-or-v1-0123456789")) grown.push_back(c);  // reallocates (and wipes) on the way
  CHECK(std::string(grown.begin(), grown.end()) == "Bearer sk-or-v1-0123456789");
  CHECK(wiping_allocator<char>{} == wiping_allocator<int>{});
}
