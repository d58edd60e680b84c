// Random bytes, SHA-256, HMAC-SHA256 and constant-time comparison on OpenSSL.
#pragma once
#include <string>
#include <string_view>

namespace common::crypto {
/// `n` bytes from the OpenSSL CSPRNG; throws std::runtime_error if it fails.
std::string random_bytes(std::size_t n);
/// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
/// Raw 32-byte HMAC-SHA256.
std::string hmac_sha256(std::string_view key, std::string_view data);
/// Compares without data-dependent timing; false when lengths differ.
bool constant_time_equal(std::string_view a, std::string_view b);
/// Overwrites the string's bytes with zeros before it is released.
void wipe(std::string& secret);
/// Overwrites `size` bytes at `data` with zeros (not optimised away).
void wipe_bytes(void* data, std::size_t size);
}  // namespace common::crypto
