// Fuzz target: access-token parsing and verification (common::jwt, the auth token service, the council's
// token verifier) and JWKS parsing. Input: one mode byte, then
//   't' <compact token>                 verified as given;
//   's' <header JSON> '\n' <payload JSON> signed with the fixed key first, so the claim checks are reached;
//   'k' <JWKS JSON>                     parsed, then a token signed with the fixed key is checked against it.
#include "auth/domain/tokens.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/jwt.hpp"
#include "council/access/token_verifier.hpp"
#include "support/run_sync.hpp"
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// A test-only Ed25519 key: tokens in corpus/jwt are signed with it.
constexpr std::string_view fixed_key_pem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIPYw+1FIo8h9MELsLxnJJ/IRvdTnfYk4v6k6MotsfFnQ\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view issuer = "council-auth";
constexpr std::string_view audience = "council";

struct fixture {
  common::crypto::ed25519_private_key key = common::crypto::ed25519_private_key::from_pem(fixed_key_pem);
  auth::domain::token_service tokens{auth::token_settings{std::string(issuer), std::string(audience),
                                                                  std::string(fixed_key_pem)}};
  common::jwt::key_set keys{{tokens.kid(), key.public_raw()}};
  boost::asio::io_context io;
  council::access::token_verifier verifier{
      [this]() -> common::awaitable<std::optional<common::jwt::key_set>> { co_return keys; },
      std::string(issuer), std::string(audience), 64};

  std::string sign(std::string_view header_json, std::string_view payload_json) const {
    std::string input = common::crypto::base64url_encode(header_json) + "." + common::crypto::base64url_encode(payload_json);
    std::string signature = key.sign(input);
    return input + "." + common::crypto::base64url_encode(signature);
  }
};

fixture& shared() {
  static fixture f;
  return f;
}

// Every verifier must agree on a token; a token one of them accepts must carry what the others rely on.
void check_token(fixture& f, const std::string& token, const common::jwt::key_set& keys) {
  common::jwt::expectations want{std::string(issuer), std::string(audience), 1700000000, 30};
  std::string unknown_kid;
  auto verified = common::jwt::verify(token, keys, want, &unknown_kid);
  if (verified && (verified->sub.empty() || verified->exp <= want.now - 30)) __builtin_trap();
  (void)f.tokens.verify_access(token);
  auto checked = test_support::run_sync(f.io, f.verifier.verify(token));
  if (checked.status == council::access::token_status::valid && checked.user_id.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  fixture& f = shared();
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
    case 't':
      check_token(f, std::string(rest), f.keys);
      break;
    case 's': {
      const auto newline = rest.find('\n');
      const std::string_view header = rest.substr(0, newline);
      const std::string_view payload = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
      check_token(f, f.sign(header, payload), f.keys);
      break;
    }
    case 'k': {
      auto keys = common::jwt::parse_jwks(rest);
      if (!keys) break;
      for (const auto& [kid, key] : *keys)
        if (key.raw().size() != 32) __builtin_trap();
      const std::string header = R"({"alg":"EdDSA","typ":"JWT","kid":")" + f.tokens.kid() + R"("})";
      const std::string payload = R"({"iss":"council-auth","aud":"council","sub":"0b5f3c1e-8f2a-4d6b-9c3e-2a1f4e5d6c7b",)"
                                  R"("sid":"s","exp":4102444800})";
      check_token(f, f.sign(header, payload), *keys);
      break;
    }
    default:
      break;
  }
  return 0;
}
