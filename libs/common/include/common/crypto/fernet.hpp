// Fernet tokens (summarised in docs/legacy-import.md): version 0x80, 64-bit big-endian timestamp, 16-byte IV,
// AES-128-CBC ciphertext (PKCS7), HMAC-SHA256 over all of that; url-safe base64 with padding.
#pragma once
#include <boost/system/result.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace common::crypto {

/// A Fernet key split into its halves.
struct fernet_key {
  std::string signing;     // first 16 bytes: HMAC-SHA256 key
  std::string encryption;  // last 16 bytes: AES-128-CBC key
};

/// Why a token could not be opened.
enum class fernet_failure {
  malformed,      // not url-safe base64, wrong version byte, or too short / not whole blocks
  bad_signature,  // the HMAC does not match: another key made it, or it was altered
  bad_padding,    // the signature matched but the plaintext padding did not (a corrupt token)
};

/// Parses a key: url-safe base64 (padding optional) of exactly 32 bytes; nullopt otherwise.
std::optional<fernet_key> parse_fernet_key(std::string_view text);
/// Verifies the HMAC in constant time, then decrypts. The timestamp is not checked (no TTL).
boost::system::result<std::string, fernet_failure> fernet_decrypt(const fernet_key& key, std::string_view token);
/// A token for `plaintext` with the given timestamp (seconds since 1970) and 16-byte IV; throws
/// std::invalid_argument when `iv` is not 16 bytes.
std::string fernet_encrypt(const fernet_key& key, std::string_view plaintext, std::uint64_t timestamp,
                           std::string_view iv);
/// Words naming `failure` ("not a Fernet token", ...), for reports.
std::string_view describe(fernet_failure failure);

}  // namespace common::crypto
