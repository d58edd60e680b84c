// Ed25519 keys, signatures and verification on OpenSSL.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace common::crypto {

/// An Ed25519 private key; copyable handle.
class ed25519_private_key {
public:
  /// Loads a PEM PKCS#8 private key; throws std::runtime_error when it is not Ed25519.
  static ed25519_private_key from_pem(std::string_view pem);
  /// A new random key.
  static ed25519_private_key generate();
  /// PEM PKCS#8 text of the key.
  std::string to_pem() const;
  /// The raw 32-byte public key.
  std::string public_raw() const;
  /// 64-byte signature of `message`.
  std::string sign(std::string_view message) const;

private:
  std::shared_ptr<void> pkey_;
};

/// Verifies a 64-byte signature with a raw 32-byte public key; false on any mismatch.
bool ed25519_verify(std::string_view public_raw, std::string_view message, std::string_view signature);

}  // namespace common::crypto
