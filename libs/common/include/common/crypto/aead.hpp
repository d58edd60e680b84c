// AES-256-GCM authenticated encryption with additional data.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace common::crypto {
/// Encrypts with a fresh 12-byte nonce; returns nonce || ciphertext || 16-byte tag.
std::string aes256gcm_seal(std::string_view key32, std::string_view plaintext, std::string_view aad);
/// Reverses aes256gcm_seal; nullopt when the tag, key or aad does not match.
std::optional<std::string> aes256gcm_open(std::string_view key32, std::string_view sealed, std::string_view aad);
}  // namespace common::crypto
