// Key checks over clients::key_checker, storage/provider_keys and the audit log.
#include "auth/domain/key_checks.hpp"
#include "common/crypto/hash.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/provider_keys.hpp"

namespace auth::domain {
namespace {

using clients::key_verdict;

std::string_view result_name(key_verdict verdict) {
  switch (verdict) {
    case key_verdict::accepted: return "accepted";
    case key_verdict::rejected: return "rejected";
    case key_verdict::unavailable: return "unavailable";
    case key_verdict::endpoint_refused: return "endpoint_refused";
  }
  return "unknown";
}

/// The failure answered for a check that did not accept the key; `saving` adds what the user can do instead.
failure refusal_of(const clients::key_check& check, bool saving) {
  switch (check.verdict) {
    case key_verdict::rejected:
      return fail(errc::key_rejected, "The provider rejected this key: " + check.reason + ".");
    case key_verdict::endpoint_refused:
      return fail(errc::endpoint_refused, "Your custom API endpoint cannot be used (" + check.reason + ")");
    default:
      break;
  }
  std::string detail = "The provider could not be reached to check this key (" + check.reason + ")";
  detail += saving ? "; nothing was stored. Try again later, or save it without the check." : ". Try again later.";
  return fail(errc::key_check_failed, std::move(detail));
}

/// Asks the provider and audits the answer as key_checked.
common::awaitable<clients::key_check> check_and_audit(key_check_services svc, std::string user_id, std::string provider,
                                                      std::string api_key, std::optional<std::string> endpoint,
                                                      std::string source, client_info client) {
  clients::key_check check = co_await svc.checker->check(std::move(api_key), std::move(endpoint));
  boost::json::object details;
  details["provider"] = provider;
  details["source"] = source;
  details["result"] = result_name(check.verdict);
  if (check.verdict != key_verdict::accepted) details["reason"] = check.reason;
  bool accepted = check.verdict == key_verdict::accepted;
  auto e = event(std::move(user_id), audit_action::key_checked, accepted, client, std::move(details));
  co_await record(svc.keys.db, std::move(e));
  co_return check;
}

}  // namespace

common::awaitable<outcome<api::key_out>> save_checked_key(key_check_services svc, std::string user_id,
                                                          std::string provider, std::string api_key, bool validate,
                                                          std::string source, client_info client,
                                                          std::optional<std::string> endpoint) {
  std::optional<key_credit> credit;
  if (validate && svc.checker != nullptr) {
    clients::key_check check = co_await check_and_audit(svc, user_id, provider, api_key, endpoint, source, client);
    if (check.verdict != key_verdict::accepted) {
      common::crypto::wipe(api_key);
      co_return refusal_of(check, true);
    }
    credit = key_credit{check.limit, check.usage};
  }
  api::key_out saved = co_await save_key(svc.keys, std::move(user_id), std::move(provider), std::move(api_key),
                                         std::move(source), std::move(client), credit, std::move(endpoint));
  co_return saved;
}

common::awaitable<outcome<api::key_out>> test_key(key_check_services svc, std::string user_id, std::string provider,
                                                  client_info client) {
  if (!known_provider(provider)) co_return fail(errc::key_not_found);
  auto existing = co_await storage::find_key(svc.keys.db, user_id, provider);
  if (!existing) co_return fail(errc::key_not_found);
  if (svc.checker == nullptr)
    co_return fail(errc::key_check_failed, "Key checks are turned off on this server (KEY_VALIDATION=off).");
  auto opened = svc.keys.vault.open(user_id, provider, existing->env);
  if (!opened) co_return fail(errc::key_unreadable);
  std::string source = "test";
  clients::key_check check = co_await check_and_audit(svc, user_id, provider, std::move(opened->api_key),
                                                      std::move(opened->endpoint), std::move(source), client);
  if (check.verdict != key_verdict::accepted) co_return refusal_of(check, false);
  key_credit credit{check.limit, check.usage};
  auto stored = co_await storage::record_check(svc.keys.db, *existing, credit);
  if (!stored) stored = co_await storage::find_key(svc.keys.db, user_id, provider);
  if (!stored) co_return fail(errc::key_not_found);
  co_return key_metadata(svc.keys.vault, *stored);
}

}  // namespace auth::domain
