// Ed25519 keys, signatures and verification on OpenSSL; keys are parsed once and their contexts reused.
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace common::crypto {

/// An Ed25519 private key; copyable handle. Signing copies a context prepared at load time (no per-call fetch).
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
  /// 64-byte signature of `message`. Thread-safe.
  std::string sign(std::string_view message) const;

private:
  struct state;
  std::shared_ptr<const state> state_;
};

/// An Ed25519 public key parsed once from its raw 32 bytes; copyable handle, verification is thread-safe.
/// A key of the wrong size or not on the curve verifies nothing.
class ed25519_public_key {
public:
  /// Parses the raw 32-byte key (implicit so that kid -> raw maps convert).
  ed25519_public_key(std::string public_raw);
  /// The raw 32-byte key as given.
  const std::string& raw() const;
  /// True when `signature` is a valid 64-byte signature of `message` by this key.
  bool verify(std::string_view message, std::string_view signature) const;
  /// Compares the raw key bytes.
  friend bool operator==(const ed25519_public_key& key, std::string_view public_raw) { return key.raw() == public_raw; }

private:
  struct state;
  std::shared_ptr<const state> state_;
};

/// Verifies a 64-byte signature with a raw 32-byte public key; false on any mismatch. Parses the key on
/// every call: hold an ed25519_public_key where the same key verifies repeatedly.
bool ed25519_verify(std::string_view public_raw, std::string_view message, std::string_view signature);

}  // namespace common::crypto
