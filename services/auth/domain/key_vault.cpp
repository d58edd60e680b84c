// Envelope encryption with common::crypto AES-256-GCM; the AADs bind user, provider, field and KEK version.
#include "auth/domain/key_vault.hpp"
#include "common/crypto/aead.hpp"
#include "common/crypto/hash.hpp"
#include <stdexcept>

namespace auth::domain {
namespace {

std::string key_aad(std::string_view user_id, std::string_view provider) {
  return std::string(user_id) + "|" + std::string(provider);
}
std::string endpoint_aad(std::string_view user_id, std::string_view provider) {
  return key_aad(user_id, provider) + "|endpoint";
}
std::string wrap_aad(int version, std::string_view user_id, std::string_view provider) {
  return "kek:" + std::to_string(version) + "|" + key_aad(user_id, provider);
}

}  // namespace

key_vault::key_vault(kek_map keks) : keks_(std::move(keks)) {
  if (keks_.empty()) throw std::invalid_argument("no key-encryption key configured");
  for (const auto& [version, key] : keks_)
    if (key.size() != 32) throw std::invalid_argument("key-encryption key " + std::to_string(version) + " is not 32 bytes");
}

int key_vault::newest_version() const { return keks_.rbegin()->first; }

envelope key_vault::seal(std::string_view user_id, std::string_view provider, std::string_view api_key,
                         const std::optional<std::string>& endpoint) const {
  std::string data_key = common::crypto::random_bytes(32);
  envelope env;
  env.kek_version = newest_version();
  env.wrapped_data_key =
      common::crypto::aes256gcm_seal(keks_.rbegin()->second, data_key, wrap_aad(env.kek_version, user_id, provider));
  env.sealed_key = common::crypto::aes256gcm_seal(data_key, api_key, key_aad(user_id, provider));
  if (endpoint) env.sealed_endpoint = common::crypto::aes256gcm_seal(data_key, *endpoint, endpoint_aad(user_id, provider));
  common::crypto::wipe(data_key);
  return env;
}

std::optional<std::string> key_vault::unwrap(std::string_view user_id, std::string_view provider,
                                             const envelope& env) const {
  auto kek = keks_.find(env.kek_version);
  if (kek == keks_.end()) return std::nullopt;
  auto data_key =
      common::crypto::aes256gcm_open(kek->second, env.wrapped_data_key, wrap_aad(env.kek_version, user_id, provider));
  if (!data_key || data_key->size() != 32) return std::nullopt;
  return data_key;
}

std::optional<opened_key> key_vault::open(std::string_view user_id, std::string_view provider,
                                          const envelope& env) const {
  auto data_key = unwrap(user_id, provider, env);
  if (!data_key) return std::nullopt;
  opened_key out;
  auto api_key = common::crypto::aes256gcm_open(*data_key, env.sealed_key, key_aad(user_id, provider));
  bool ok = api_key.has_value();
  if (ok) out.api_key = std::move(*api_key);
  if (ok && env.sealed_endpoint) {
    auto endpoint = common::crypto::aes256gcm_open(*data_key, *env.sealed_endpoint, endpoint_aad(user_id, provider));
    ok = endpoint.has_value();
    if (ok) out.endpoint = std::move(*endpoint);
  }
  common::crypto::wipe(*data_key);
  if (!ok) return std::nullopt;
  return out;
}

std::optional<envelope> key_vault::rewrap(std::string_view user_id, std::string_view provider,
                                          const envelope& env) const {
  auto data_key = unwrap(user_id, provider, env);
  if (!data_key) return std::nullopt;
  envelope out = env;
  out.kek_version = newest_version();
  out.wrapped_data_key =
      common::crypto::aes256gcm_seal(keks_.rbegin()->second, *data_key, wrap_aad(out.kek_version, user_id, provider));
  common::crypto::wipe(*data_key);
  return out;
}

std::optional<envelope> key_vault::with_endpoint(std::string_view user_id, std::string_view provider,
                                                 const envelope& env, const std::optional<std::string>& endpoint) const {
  auto data_key = unwrap(user_id, provider, env);
  if (!data_key) return std::nullopt;
  envelope out = env;
  out.sealed_endpoint.reset();
  if (endpoint) out.sealed_endpoint = common::crypto::aes256gcm_seal(*data_key, *endpoint, endpoint_aad(user_id, provider));
  common::crypto::wipe(*data_key);
  return out;
}

}  // namespace auth::domain
