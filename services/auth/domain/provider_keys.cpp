// Provider-key use cases over storage/provider_keys and the key vault; optimistic retries on races.
#include "auth/domain/provider_keys.hpp"
#include "common/core/log.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/audit_hosts.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/provider_keys.hpp"
#include <stdexcept>

namespace auth::domain {

api::key_out key_metadata(const key_vault& vault, const key_record& k) {
  api::key_out out;
  out.id = k.id;
  out.provider = k.provider;
  out.key_hint = k.key_hint;
  out.enabled = k.enabled;
  if (k.env.sealed_endpoint) {
    auto opened = vault.open(k.user_id, k.provider, k.env);
    if (opened) out.endpoint = opened->endpoint;
  }
  out.created_at = k.created_at;
  out.updated_at = k.updated_at;
  out.last_used_at = k.last_used_at;
  out.validated_at = k.validated_at;
  out.limit = k.credit_limit;
  out.usage = k.credit_usage;
  out.endpoint_changed_at = k.endpoint_changed_at;
  return out;
}

namespace {

constexpr int max_attempts = 5;

boost::json::object provider_details(std::string_view provider) {
  boost::json::object d;
  d["provider"] = provider;
  return d;
}

boost::json::object release_details(std::string_view provider, const release_request& who, std::string_view why) {
  boost::json::object d = provider_details(provider);
  d["client"] = who.client_identity;
  if (!who.run_id.empty()) d["run_id"] = who.run_id;
  if (!why.empty()) d["reason"] = why;
  return d;
}

/// The audit entry of a custom endpoint change: the hosts before and after (sealed), never a path or key.
audit_entry endpoint_event(const key_vault& vault, const std::string& user_id, std::string_view provider,
                           const std::optional<std::string>& from, const std::optional<std::string>& to,
                           const client_info& client) {
  boost::json::object details = provider_details(provider);
  details["custom_endpoint"] = to.has_value();
  seal_endpoint_hosts(vault, user_id, endpoint_host(from), endpoint_host(to), details);
  return event(user_id, audit_action::key_endpoint_changed, true, client, std::move(details));
}

/// The endpoint sealed in a stored key, when readable.
std::optional<std::string> endpoint_of(const key_vault& vault, const key_record& k) {
  if (!k.env.sealed_endpoint) return std::nullopt;
  auto opened = vault.open(k.user_id, k.provider, k.env);
  if (!opened) return std::nullopt;
  return std::move(opened->endpoint);
}

}  // namespace

common::awaitable<api::key_out> save_key(key_services svc, std::string user_id, std::string provider,
                                         std::string api_key, std::string source, client_info client,
                                         std::optional<key_credit> checked, std::optional<std::string> endpoint) {
  std::string hint = key_hint(api_key);
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    auto existing = co_await storage::find_key(svc.db, user_id, provider);
    std::optional<std::string> previous_endpoint;
    if (existing) previous_endpoint = endpoint_of(svc.vault, *existing);
    bool endpoint_changed = previous_endpoint != endpoint;
    envelope env = svc.vault.seal(user_id, provider, api_key, endpoint);
    common::pg::transaction tx = co_await svc.db.begin();
    std::optional<key_record> stored;
    audit_action action = audit_action::key_saved;
    if (!existing) {
      stored = co_await storage::insert_key(tx, user_id, provider, std::move(env), hint, checked);
    } else {
      stored = co_await storage::replace_key(tx, std::move(*existing), std::move(env), hint, checked, endpoint_changed);
      action = audit_action::key_replaced;
    }
    if (stored) {
      boost::json::object details = provider_details(provider);
      details["source"] = source;
      details["key_hint"] = hint;
      auto e = event(user_id, action, true, client, std::move(details));
      co_await record(tx, std::move(e));
      if (endpoint_changed) {
        auto changed = endpoint_event(svc.vault, user_id, provider, previous_endpoint, endpoint, client);
        co_await record(tx, std::move(changed));
      }
    }
    co_await tx.commit();
    if (stored) co_return key_metadata(svc.vault, *stored);
  }
  throw std::runtime_error("provider key kept changing concurrently");
}

common::awaitable<std::vector<api::key_out>> list_keys(key_services svc, std::string user_id) {
  auto keys = co_await storage::list_keys(svc.db, std::move(user_id));
  std::vector<api::key_out> out;
  for (const key_record& k : keys) out.push_back(key_metadata(svc.vault, k));
  co_return out;
}

common::awaitable<outcome<api::key_out>> update_key(key_services svc, std::string user_id, std::string provider,
                                                    key_changes changes, client_info client) {
  if (!known_provider(provider)) co_return fail(errc::key_not_found);
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    auto existing = co_await storage::find_key(svc.db, user_id, provider);
    if (!existing) co_return fail(errc::key_not_found);
    bool was_enabled = existing->enabled;
    std::optional<std::string> previous_endpoint = endpoint_of(svc.vault, *existing);
    envelope env = existing->env;
    if (changes.change_endpoint) {
      auto resealed = svc.vault.with_endpoint(user_id, provider, existing->env, changes.endpoint);
      if (!resealed) co_return fail(errc::key_unreadable);
      env = std::move(*resealed);
    }
    bool endpoint_changed = changes.change_endpoint && previous_endpoint != changes.endpoint;
    std::string hint = existing->key_hint;
    common::pg::transaction tx = co_await svc.db.begin();
    auto stored = co_await storage::update_key(tx, std::move(*existing), std::move(env), std::move(hint),
                                               changes.enabled, endpoint_changed);
    if (!stored) {
      co_await tx.commit();
      continue;
    }
    if (changes.enabled && *changes.enabled != was_enabled) {
      auto e = event(user_id, *changes.enabled ? audit_action::key_enabled : audit_action::key_disabled, true, client,
                     provider_details(provider));
      co_await record(tx, std::move(e));
    }
    if (changes.change_endpoint) {
      auto e = endpoint_event(svc.vault, user_id, provider, previous_endpoint, changes.endpoint, client);
      co_await record(tx, std::move(e));
    }
    co_await tx.commit();
    co_return key_metadata(svc.vault, *stored);
  }
  throw std::runtime_error("provider key kept changing concurrently");
}

common::awaitable<outcome<void>> delete_key(key_services svc, std::string user_id, std::string provider,
                                            client_info client) {
  if (!known_provider(provider)) co_return fail(errc::key_not_found);
  common::pg::transaction tx = co_await svc.db.begin();
  bool deleted = co_await storage::delete_key(tx, user_id, provider);
  if (deleted) {
    auto e = event(user_id, audit_action::key_deleted, true, client, provider_details(provider));
    co_await record(tx, std::move(e));
  }
  co_await tx.commit();
  if (!deleted) co_return fail(errc::key_not_found);
  co_return outcome<void>{};
}

common::awaitable<outcome<api::released_key_out>> release_key(key_services svc, std::string user_id, std::string provider,
                                                              release_request who, client_info client) {
  std::optional<key_record> key;
  if (known_provider(provider)) key = co_await storage::find_key(svc.db, user_id, provider);
  std::optional<opened_key> opened;
  std::string why;
  errc refusal = errc::key_not_found;
  if (!key) {
    why = "not_found";
  } else if (!key->enabled) {
    why = "disabled";
    refusal = errc::key_disabled;
  } else {
    opened = svc.vault.open(user_id, provider, key->env);
    if (!opened) {
      why = "unreadable";
      refusal = errc::key_unreadable;
      boost::json::object fields = provider_details(provider);
      fields["kek_version"] = key->env.kek_version;
      common::log::error("stored provider key cannot be decrypted", std::move(fields));
    }
  }
  if (!opened) {
    auto e = event(user_id, audit_action::key_refused, false, client, release_details(provider, who, why));
    co_await record(svc.db, std::move(e));
    co_return fail(refusal);
  }
  common::pg::transaction tx = co_await svc.db.begin();
  co_await storage::mark_key_used(tx, key->id);
  auto e = event(user_id, audit_action::key_released, true, client, release_details(provider, who, ""));
  co_await record(tx, std::move(e));
  co_await tx.commit();
  co_return api::released_key_out{provider, std::move(opened->api_key), std::move(opened->endpoint)};
}

common::awaitable<void> record_refusal(key_services svc, std::optional<std::string> user_id, std::string provider,
                                       std::string why, release_request who, client_info client) {
  auto e = event(std::move(user_id), audit_action::key_refused, false, client, release_details(provider, who, why));
  co_await record(svc.db, std::move(e));
}

}  // namespace auth::domain
