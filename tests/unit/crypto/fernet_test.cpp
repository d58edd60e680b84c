// Fernet against the published vectors of the Fernet spec (generate.json, verify.json, invalid.json).
#include "common/crypto/fernet.hpp"
#include <catch2/catch.hpp>
#include <string>

using namespace common::crypto;

namespace {

const std::string spec_secret = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
const std::string spec_token =
    "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
constexpr std::uint64_t spec_time = 499162800;  // 1985-10-26T01:20:00-07:00

std::string spec_iv() {
  std::string iv;
  for (char c = 0; c < 16; ++c) iv.push_back(c);
  return iv;
}

fernet_key spec_key() { return parse_fernet_key(spec_secret).value(); }

}  // namespace

TEST_CASE("fernet generates the spec's token from its key, time and IV", "[crypto][fernet]") {
  CHECK(fernet_encrypt(spec_key(), "hello", spec_time, spec_iv()) == spec_token);
  CHECK_THROWS_AS(fernet_encrypt(spec_key(), "hello", spec_time, "short"), std::invalid_argument);
}

TEST_CASE("fernet verifies and decrypts the spec's token", "[crypto][fernet]") {
  auto opened = fernet_decrypt(spec_key(), spec_token);
  REQUIRE(opened.has_value());
  CHECK(*opened == "hello");
}

TEST_CASE("fernet round-trips empty, block-sized and long plaintexts", "[crypto][fernet]") {
  for (std::string text : {std::string(), std::string(16, 'x'), std::string(1000, 'k')}) {
    auto opened = fernet_decrypt(spec_key(), fernet_encrypt(spec_key(), text, spec_time, spec_iv()));
    REQUIRE(opened.has_value());
    CHECK(*opened == text);
  }
}

TEST_CASE("fernet keys are url-safe base64 of 32 bytes", "[crypto][fernet]") {
  auto key = parse_fernet_key(spec_secret);
  REQUIRE(key.has_value());
  CHECK(key->signing.size() == 16);
  CHECK(key->encryption.size() == 16);
  CHECK(parse_fernet_key("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4").has_value());
  CHECK_FALSE(parse_fernet_key("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpw=").has_value());
  CHECK_FALSE(parse_fernet_key("cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=").has_value());
  CHECK_FALSE(parse_fernet_key("").has_value());
}

TEST_CASE("fernet refuses the spec's invalid tokens", "[crypto][fernet]") {
  struct invalid {
    const char* desc;
    const char* token;
    fernet_failure failure;
  };
  const invalid cases[] = {
      {"incorrect mac",
       "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykQUFBQUFBQUFBQQ==",
       fernet_failure::bad_signature},
      {"too short", "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPA==", fernet_failure::malformed},
      {"invalid base64",
       "%%%%%%%%%%%%%AECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAl1-szkFVzXTuGb4hR8AKtwcaX1YdykRtfsH-p1YsUD2Q==",
       fernet_failure::malformed},
      {"payload size not multiple of block size",
       "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPOm73QeoCk9uGib28Xe5vz6oxq5nmxbx_v7mrfyudzUm",
       fernet_failure::malformed},
      {"payload padding error",
       "gAAAAAAdwJ6xAAECAwQFBgcICQoLDA0ODz4LEpdELGQAad7aNEHbf-JkLPIpuiYRLQ3RtXatOYREu2FWke6CnJNYIbkuKNqOhw==",
       fernet_failure::bad_padding},
      {"incorrect IV (causes padding error)",
       "gAAAAAAdwJ6xBQECAwQFBgcICQoLDA0OD3HkMATM5lFqGaerZ-fWPAkLhFLHpGtDBRLRTZeUfWgHSv49TF2AUEZ1TIvcZjK1zQ==",
       fernet_failure::bad_padding},
      {"very short payload size", "gAAAAABdnQ1TUKh2OE_ggbyCIxfg", fernet_failure::malformed},
      {"super short payload size", "gAAA", fernet_failure::malformed},
  };
  for (const invalid& c : cases) {
    INFO(c.desc);
    auto opened = fernet_decrypt(spec_key(), c.token);
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error() == c.failure);
  }
}

TEST_CASE("fernet refuses a token signed with another key and a wrong version byte", "[crypto][fernet]") {
  fernet_key other = parse_fernet_key("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").value();
  auto opened = fernet_decrypt(other, spec_token);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error() == fernet_failure::bad_signature);
  std::string wrong_version = spec_token;
  wrong_version[1] = 'Q';  // first byte 0x81
  CHECK(fernet_decrypt(spec_key(), wrong_version).error() == fernet_failure::malformed);
  CHECK(describe(fernet_failure::bad_signature) == "signature does not match the given key");
}
