// Provider-key use cases called directly against PostgreSQL: save_key, list_keys, update_key, delete_key,
// release_key and record_refusal, with the envelope columns and audit events they leave behind.
#include "usecase_fixture.hpp"
#include "auth/domain/provider_keys.hpp"

using auth::domain::errc;
using namespace usecase_test;
namespace domain = auth::domain;

namespace {

const std::string ada_key = "sk-or-v1-ada-secret-0123456789";
const domain::release_request council{"spiffe://council/council-service", "run-42"};

std::string key_column(const usecase_fixture& fx, const std::string& column, const std::string& user_id) {
  return fx.sql("SELECT " + column + " FROM auth.provider_keys WHERE user_id = " + quoted(user_id) +
                " AND provider = 'openrouter'");
}

domain::key_changes set_endpoint(std::optional<std::string> endpoint) {
  domain::key_changes c;
  c.change_endpoint = true;
  c.endpoint = std::move(endpoint);
  return c;
}

domain::key_changes set_enabled(bool enabled) {
  domain::key_changes c;
  c.enabled = enabled;
  return c;
}

/// A user with a saved openrouter key.
struct keyed_user {
  account user;
  auth::api::key_out key;
};

keyed_user user_with_key(usecase_fixture& fx, const std::string& email) {
  auto user = fx.register_account(email, "a password for keys");
  auto key = fx.run(domain::save_key(fx.keys(), user.who.user_id, "openrouter", ada_key, "api", test_client));
  return keyed_user{user, key};
}

}  // namespace

TEST_CASE("save_key stores only an envelope and a hint, and audits key_saved", "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto key = fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", ada_key, "api", test_client));
  CHECK(key.provider == "openrouter");
  CHECK(key.key_hint == "...456789");
  CHECK(key.enabled);
  CHECK_FALSE(key.endpoint.has_value());
  CHECK_FALSE(key.last_used_at.has_value());
  CHECK_THAT(key.created_at, Catch::Matches(rfc3339_pattern));

  CHECK(key_column(fx, "id || '|' || kek_version || '|' || key_hint || '|' || enabled || '|' || "
                       "(sealed_endpoint IS NULL)",
                   ada.who.user_id) == key.id + "|1|...456789|true|true");
  CHECK(key_column(fx, "position(convert_to(" + quoted(ada_key) + ", 'UTF8') IN sealed_key) + "
                       "position(convert_to(" + quoted(ada_key) + ", 'UTF8') IN wrapped_data_key)",
                   ada.who.user_id) == "0");
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_saved' AND outcome = 'success' "
                       "AND details = '{\"provider\": \"openrouter\", \"source\": \"api\", \"key_hint\": \"...456789\"}'") == 1);
  CHECK(fx.audit_count("details::text LIKE '%secret%'") == 0);
}

TEST_CASE("save_key on an existing key replaces it in place with a fresh data key, keeping id, clearing the endpoint",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, first] = user_with_key(fx, "ada@example.com");
  REQUIRE(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter",
                                    set_endpoint("https://llm.example.com/v1"), test_client)).has_value());
  std::string old_data_key = key_column(fx, "encode(wrapped_data_key, 'hex')", ada.who.user_id);

  auto replaced = fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", "sk-or-v1-replacement-abcdef",
                                          "import-env-key", test_client));
  CHECK(replaced.id == first.id);
  CHECK(replaced.key_hint == "...abcdef");
  CHECK_FALSE(replaced.endpoint.has_value());  // issue 13: a new key does not inherit the old key's endpoint
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_endpoint_changed' AND "
                       "details->>'custom_endpoint' = 'false' AND details ? 'hosts' AND "
                       "position('llm.example' IN details::text) = 0") == 1);  // the hosts are sealed
  CHECK(key_column(fx, "count(*)", ada.who.user_id) == "1");
  CHECK(key_column(fx, "encode(wrapped_data_key, 'hex')", ada.who.user_id) != old_data_key);  // a fresh data key
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_replaced' AND "
                       "details->>'source' = 'import-env-key' AND details->>'key_hint' = '...abcdef'") == 1);

  auto released = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client));
  REQUIRE(released.has_value());
  CHECK(released->api_key == "sk-or-v1-replacement-abcdef");
  CHECK_FALSE(released->endpoint.has_value());
}

TEST_CASE("list_keys shows the caller's keys with the decrypted endpoint and never another user's",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  auto bob = fx.register_account("bob@example.com", "bobs password");
  REQUIRE(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter",
                                    set_endpoint("https://llm.example.com/v1"), test_client)).has_value());

  auto keys = fx.run(domain::list_keys(fx.keys(), ada.who.user_id));
  REQUIRE(keys.size() == 1);
  CHECK(keys[0].id == key.id);
  CHECK(keys[0].key_hint == "...456789");
  CHECK(keys[0].endpoint == std::optional<std::string>("https://llm.example.com/v1"));
  CHECK(keys[0].updated_at == key_column(fx, "auth.rfc3339(updated_at)", ada.who.user_id));
  CHECK(fx.run(domain::list_keys(fx.keys(), bob.who.user_id)).empty());
}

TEST_CASE("update_key enables, disables and sets or clears the endpoint, auditing real changes only",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  const std::string mine = "user_id = " + quoted(ada.who.user_id) + " AND ";

  auto disabled = fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", set_enabled(false), test_client));
  REQUIRE(disabled.has_value());
  CHECK_FALSE(disabled->enabled);
  CHECK(key_column(fx, "enabled", ada.who.user_id) == "f");
  CHECK(fx.audit_count(mine + "action = 'key_disabled' AND details->>'provider' = 'openrouter'") == 1);

  REQUIRE(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", set_enabled(false), test_client)).has_value());
  CHECK(fx.audit_count(mine + "action = 'key_disabled'") == 1);  // no change, no event

  REQUIRE(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", set_enabled(true), test_client)).has_value());
  CHECK(key_column(fx, "enabled", ada.who.user_id) == "t");
  CHECK(fx.audit_count(mine + "action = 'key_enabled'") == 1);

  auto with_endpoint = fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter",
                                                 set_endpoint("https://llm.example.com/v1"), test_client));
  REQUIRE(with_endpoint.has_value());
  CHECK(with_endpoint->endpoint == std::optional<std::string>("https://llm.example.com/v1"));
  CHECK(key_column(fx, "sealed_endpoint IS NOT NULL AND position(convert_to('llm.example.com', 'UTF8') IN "
                       "sealed_endpoint) = 0",
                   ada.who.user_id) == "t");
  CHECK(fx.audit_count(mine + "action = 'key_endpoint_changed' AND details->>'custom_endpoint' = 'true'") == 1);

  auto cleared = fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", set_endpoint(std::nullopt),
                                           test_client));
  REQUIRE(cleared.has_value());
  CHECK_FALSE(cleared->endpoint.has_value());
  CHECK(key_column(fx, "sealed_endpoint IS NULL", ada.who.user_id) == "t");
  CHECK(fx.audit_count(mine + "action = 'key_endpoint_changed' AND details->>'custom_endpoint' = 'false'") == 1);

  auto released = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client));
  REQUIRE(released.has_value());
  CHECK(released->api_key == ada_key);  // endpoint changes leave the key readable
}

TEST_CASE("update_key and delete_key answer key_not_found for absent keys and unknown providers",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  auto bob = fx.register_account("bob@example.com", "bobs password");

  auto bob_update = fx.run(domain::update_key(fx.keys(), bob.who.user_id, "openrouter", set_enabled(false), test_client));
  CHECK(failure_of(bob_update).code == errc::key_not_found);
  auto other_provider = fx.run(domain::update_key(fx.keys(), ada.who.user_id, "anthropic", set_enabled(false), test_client));
  CHECK(failure_of(other_provider).code == errc::key_not_found);
  auto bob_delete = fx.run(domain::delete_key(fx.keys(), bob.who.user_id, "openrouter", test_client));
  CHECK(failure_of(bob_delete).code == errc::key_not_found);
  auto other_delete = fx.run(domain::delete_key(fx.keys(), ada.who.user_id, "anthropic", test_client));
  CHECK(failure_of(other_delete).code == errc::key_not_found);

  CHECK(key_column(fx, "enabled", ada.who.user_id) == "t");
  CHECK(fx.audit_count("action IN ('key_disabled', 'key_deleted')") == 0);
}

TEST_CASE("delete_key removes the row and audits key_deleted", "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  auto [bob, bob_key] = user_with_key(fx, "bob@example.com");
  REQUIRE(fx.run(domain::delete_key(fx.keys(), ada.who.user_id, "openrouter", test_client)).has_value());
  CHECK(key_column(fx, "count(*)", ada.who.user_id) == "0");
  CHECK(key_column(fx, "count(*)", bob.who.user_id) == "1");
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_deleted' AND outcome = 'success' "
                       "AND details->>'provider' = 'openrouter'") == 1);
  auto again = fx.run(domain::delete_key(fx.keys(), ada.who.user_id, "openrouter", test_client));
  CHECK(failure_of(again).code == errc::key_not_found);
}

TEST_CASE("release_key decrypts the key for the council, marks it used and audits key_released",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  auto released = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client));
  REQUIRE(released.has_value());
  CHECK(released->provider == "openrouter");
  CHECK(released->api_key == ada_key);
  CHECK_FALSE(released->endpoint.has_value());
  CHECK(key_column(fx, "last_used_at IS NOT NULL", ada.who.user_id) == "t");
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_released' AND outcome = 'success' "
                       "AND details = '{\"provider\": \"openrouter\", \"client\": \"spiffe://council/council-service\", "
                       "\"run_id\": \"run-42\"}'") == 1);

  auto listed = fx.run(domain::list_keys(fx.keys(), ada.who.user_id));
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].last_used_at == key_column(fx, "auth.rfc3339(last_used_at)", ada.who.user_id));

  domain::release_request without_run{"spiffe://council/council-service", ""};
  REQUIRE(fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", without_run, test_client)).has_value());
  CHECK(fx.audit_count("action = 'key_released' AND NOT details ? 'run_id'") == 1);
}

TEST_CASE("release_key refuses absent, disabled and unknown-provider keys and audits key_refused",
          "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, key] = user_with_key(fx, "ada@example.com");
  auto bob = fx.register_account("bob@example.com", "bobs password");

  auto absent = fx.run(domain::release_key(fx.keys(), bob.who.user_id, "openrouter", council, test_client));
  CHECK(failure_of(absent).code == errc::key_not_found);
  CHECK(fx.audit_count("user_id = " + quoted(bob.who.user_id) + " AND action = 'key_refused' AND outcome = 'failure' "
                       "AND details->>'reason' = 'not_found' AND details->>'run_id' = 'run-42'") == 1);

  auto other_provider = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "anthropic", council, test_client));
  CHECK(failure_of(other_provider).code == errc::key_not_found);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_refused' AND "
                       "details->>'provider' = 'anthropic' AND details->>'reason' = 'not_found'") == 1);

  REQUIRE(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", set_enabled(false), test_client)).has_value());
  auto disabled = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client));
  CHECK(failure_of(disabled).code == errc::key_disabled);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_refused' AND "
                       "details->>'reason' = 'disabled'") == 1);

  CHECK(key_column(fx, "last_used_at IS NULL", ada.who.user_id) == "t");
  CHECK(fx.audit_count("action = 'key_released'") == 0);
}

TEST_CASE("a key under an unknown KEK, or moved to another user's row, is unreadable", "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto [ada, ada_saved] = user_with_key(fx, "ada@example.com");
  auto [bob, bob_saved] = user_with_key(fx, "bob@example.com");

  fx.sql("UPDATE auth.provider_keys b SET wrapped_data_key = a.wrapped_data_key, sealed_key = a.sealed_key "
         "FROM auth.provider_keys a WHERE a.user_id = " + quoted(ada.who.user_id) + " AND b.user_id = " +
         quoted(bob.who.user_id));
  auto moved = fx.run(domain::release_key(fx.keys(), bob.who.user_id, "openrouter", council, test_client));
  CHECK(failure_of(moved).code == errc::key_unreadable);
  CHECK(fx.audit_count("user_id = " + quoted(bob.who.user_id) + " AND action = 'key_refused' AND "
                       "details->>'reason' = 'unreadable'") == 1);

  fx.sql("UPDATE auth.provider_keys SET kek_version = 9 WHERE user_id = " + quoted(ada.who.user_id));
  auto unknown_kek = fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client));
  CHECK(failure_of(unknown_kek).code == errc::key_unreadable);
  auto new_endpoint = fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter",
                                                set_endpoint("https://llm.example.com/v1"), test_client));
  CHECK(failure_of(new_endpoint).code == errc::key_unreadable);
  CHECK(key_column(fx, "sealed_endpoint IS NULL AND kek_version = 9", ada.who.user_id) == "t");
  CHECK(fx.audit_count("action = 'key_endpoint_changed'") == 0);
  CHECK(key_column(fx, "last_used_at IS NULL", ada.who.user_id) == "t");
  CHECK(fx.audit_count("action = 'key_released'") == 0);
}

TEST_CASE("record_refusal audits a refusal made before any key was looked at", "[auth][usecase][keys]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  domain::release_request stranger{"spiffe://elsewhere/unknown", "run-7"};
  fx.run(domain::record_refusal(fx.keys(), std::nullopt, "openrouter", "client_not_allowed", stranger, test_client));
  fx.run(domain::record_refusal(fx.keys(), ada.who.user_id, "openrouter", "bad_user_token", council, test_client));

  CHECK(fx.audit_count("user_id IS NULL AND action = 'key_refused' AND outcome = 'failure' AND details = "
                       "'{\"provider\": \"openrouter\", \"client\": \"spiffe://elsewhere/unknown\", \"run_id\": \"run-7\", "
                       "\"reason\": \"client_not_allowed\"}' AND ip = '203.0.113.7'") == 1);
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id) + " AND action = 'key_refused' AND "
                       "details->>'reason' = 'bad_user_token'") == 1);
}
