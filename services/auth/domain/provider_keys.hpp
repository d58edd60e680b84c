// Provider-key use cases: save (upsert), list, enable/disable and endpoint changes, delete, and release
// of the decrypted key to an allowed internal client. Every change and release is audited.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>
#include <vector>

namespace auth::domain {

/// A PATCH of a key: fields left empty are unchanged.
struct key_changes {
  std::optional<bool> enabled;
  bool change_endpoint = false;
  std::optional<std::string> endpoint;  // with change_endpoint: the new endpoint, or nullopt to clear
};

/// Who asked for a key over the internal listener.
struct release_request {
  std::string client_identity;  // URI SAN of the client certificate
  std::string run_id;           // X-Run-Id (sanitised), may be empty
};

/// The API metadata of a stored key (the endpoint decrypted, never the key).
api::key_out key_metadata(const key_vault& vault, const key_record& k);
/// Stores (or replaces) the user's validated key for a known provider; a fresh data key each time.
/// `source` is recorded in the audit details (e.g. "api", "import-env-key"). `checked`: what the provider
/// reported when the key was checked just before (validated_at becomes now); without it the key is stored unchecked.
/// The key's custom endpoint becomes `endpoint`: replacing a key without one clears the old endpoint (audited as
/// key_endpoint_changed, like any change of it). The caller confirmed the password when `endpoint` is set.
common::awaitable<api::key_out> save_key(key_services svc, std::string user_id, std::string provider,
                                         std::string api_key, std::string source, client_info client,
                                         std::optional<key_credit> checked = std::nullopt,
                                         std::optional<std::string> endpoint = std::nullopt);
/// The user's keys (metadata and decrypted endpoint, never the key).
common::awaitable<std::vector<api::key_out>> list_keys(key_services svc, std::string user_id);
/// Applies `changes` (an endpoint change audited with the hosts before and after, endpoint_changed_at set when it
/// differs); key_not_found when the user has no key for `provider`. The caller confirmed the password for an
/// endpoint change.
common::awaitable<outcome<api::key_out>> update_key(key_services svc, std::string user_id, std::string provider,
                                                    key_changes changes, client_info client);
/// Deletes the key; key_not_found when absent.
common::awaitable<outcome<void>> delete_key(key_services svc, std::string user_id, std::string provider,
                                            client_info client);
/// Decrypts the user's key for an internal client; key_not_found, key_disabled or key_unreadable otherwise.
/// Sets last_used_at and audits key_released or key_refused.
common::awaitable<outcome<api::released_key_out>> release_key(key_services svc, std::string user_id, std::string provider,
                                                              release_request who, client_info client);
/// Audits a refusal made before the user's key was looked at (client not allowed, bad user token).
common::awaitable<void> record_refusal(key_services svc, std::optional<std::string> user_id, std::string provider,
                                       std::string why, release_request who, client_info client);

}  // namespace auth::domain
