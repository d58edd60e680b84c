// Envelope encryption of provider keys: per-row AES-256-GCM data key, wrapped by a versioned KEK.
#pragma once
#include "auth/settings.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace auth::domain {

/// What is stored for one provider key (every field is ciphertext except the version).
struct envelope {
  int kek_version = 0;
  std::string wrapped_data_key;                // data key sealed by KEK `kek_version`
  std::string sealed_key;                      // API key sealed by the data key
  std::optional<std::string> sealed_endpoint;  // custom endpoint sealed by the data key
};

/// A decrypted provider key.
struct opened_key {
  std::string api_key;
  std::optional<std::string> endpoint;
};

/// Seals, opens and rewraps envelopes. Every ciphertext is bound to (user id, provider) by its AAD.
class key_vault {
public:
  /// Throws std::invalid_argument when `keks` is empty or a key is not 32 bytes.
  explicit key_vault(kek_map keks);
  /// The version new envelopes are wrapped with (the highest).
  int newest_version() const;

  /// A new envelope with a fresh data key, wrapped by the newest KEK.
  envelope seal(std::string_view user_id, std::string_view provider, std::string_view api_key,
                const std::optional<std::string>& endpoint) const;
  /// Decrypts key and endpoint; nullopt when the KEK version is unknown or any tag/AAD check fails.
  std::optional<opened_key> open(std::string_view user_id, std::string_view provider, const envelope& env) const;
  /// The same envelope with its data key rewrapped by the newest KEK (payloads untouched); nullopt when unreadable.
  std::optional<envelope> rewrap(std::string_view user_id, std::string_view provider, const envelope& env) const;
  /// The same envelope with its endpoint replaced (nullopt endpoint clears it); nullopt when unreadable.
  std::optional<envelope> with_endpoint(std::string_view user_id, std::string_view provider, const envelope& env,
                                        const std::optional<std::string>& endpoint) const;

private:
  std::optional<std::string> unwrap(std::string_view user_id, std::string_view provider, const envelope& env) const;
  kek_map keks_;
};

}  // namespace auth::domain
