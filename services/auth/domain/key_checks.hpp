// Provider-key checks: a key is checked at its provider before it is stored, and a stored key can be re-checked.
// Every check is audited as key_checked (details: provider, source, result and, when refused, the reason).
#pragma once
#include "auth/api.hpp"
#include "auth/clients/key_checker.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <string>

namespace auth::domain {

/// What the checking use cases need; `checker` is null when checks are off (KEY_VALIDATION=off).
struct key_check_services {
  key_services keys;
  clients::key_checker* checker = nullptr;
};

/// save_key with custom endpoint `endpoint` (none: the default one, any stored endpoint is cleared), after the
/// provider accepted the key at that endpoint; its limit and usage are stored with it. Without `validate`, or with
/// checks off, the key is stored unchecked. key_rejected, key_check_failed or endpoint_refused (with a sentence)
/// when it was not accepted: nothing stored.
common::awaitable<outcome<api::key_out>> save_checked_key(key_check_services svc, std::string user_id,
                                                          std::string provider, std::string api_key, bool validate,
                                                          std::string source, client_info client,
                                                          std::optional<std::string> endpoint = std::nullopt);
/// Checks the stored key again and records validated_at, limit and usage: key_not_found, key_unreadable,
/// key_check_failed (also when checks are off), key_rejected or endpoint_refused otherwise (nothing changed).
common::awaitable<outcome<api::key_out>> test_key(key_check_services svc, std::string user_id, std::string provider,
                                                  client_info client);

}  // namespace auth::domain
