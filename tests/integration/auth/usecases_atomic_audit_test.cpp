// Issue 13: an audited change commits in one transaction with its audit row. Each case makes the row's insert fail
// (as a bad byte or a full disk would) and checks that the use case fails and the change is not there either.
#include "usecase_fixture.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/admin.hpp"
#include "auth/domain/provider_keys.hpp"
#include "auth/domain/sessions.hpp"

using namespace usecase_test;
namespace domain = auth::domain;

namespace {

const std::string ada_key = "sk-or-v1-ada-atomic-0123456789";

/// From now on, inserting an audit row with `action` fails.
void refuse_audit_rows(usecase_fixture& fx, const std::string& action) {
  fx.sql("CREATE OR REPLACE FUNCTION auth.refuse_test_rows() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
         "RAISE EXCEPTION 'audit insert refused by the test'; END $$");
  fx.sql("CREATE TRIGGER refuse_" + action + " BEFORE INSERT ON auth.audit_events FOR EACH ROW WHEN (NEW.action = " +
         quoted(action) + ") EXECUTE FUNCTION auth.refuse_test_rows()");
}

std::string key_column(const usecase_fixture& fx, const std::string& column, const std::string& user_id) {
  return fx.sql("SELECT " + column + " FROM auth.provider_keys WHERE user_id = " + quoted(user_id));
}

}  // namespace

TEST_CASE("provider-key changes never commit without their audit row", "[auth][usecase][audit][atomic]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", ada_key, "api", test_client));
  std::string data_key = key_column(fx, "encode(wrapped_data_key, 'hex')", ada.who.user_id);

  refuse_audit_rows(fx, "key_replaced");
  CHECK_THROWS(fx.run(domain::save_key(fx.keys(), ada.who.user_id, "openrouter", "sk-or-v1-replacement-000000", "api",
                                       test_client)));
  CHECK(key_column(fx, "encode(wrapped_data_key, 'hex')", ada.who.user_id) == data_key);

  refuse_audit_rows(fx, "key_disabled");
  domain::key_changes disable;
  disable.enabled = false;
  CHECK_THROWS(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", disable, test_client)));
  CHECK(key_column(fx, "enabled", ada.who.user_id) == "t");

  refuse_audit_rows(fx, "key_endpoint_changed");
  domain::key_changes endpoint;
  endpoint.change_endpoint = true;
  endpoint.endpoint = "https://llm.example.com/v1";
  CHECK_THROWS(fx.run(domain::update_key(fx.keys(), ada.who.user_id, "openrouter", endpoint, test_client)));
  CHECK(key_column(fx, "sealed_endpoint IS NULL AND endpoint_changed_at IS NULL", ada.who.user_id) == "t");

  refuse_audit_rows(fx, "key_released");
  domain::release_request council{"spiffe://council/council-service", "run-1"};
  CHECK_THROWS(fx.run(domain::release_key(fx.keys(), ada.who.user_id, "openrouter", council, test_client)));
  CHECK(key_column(fx, "last_used_at IS NULL", ada.who.user_id) == "t");

  refuse_audit_rows(fx, "key_deleted");
  CHECK_THROWS(fx.run(domain::delete_key(fx.keys(), ada.who.user_id, "openrouter", test_client)));
  CHECK(fx.row_count("provider_keys", "user_id = " + quoted(ada.who.user_id)) == 1);
}

TEST_CASE("account and session changes never commit without their audit row", "[auth][usecase][audit][atomic]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  auto laptop = fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client));
  REQUIRE(laptop.has_value());
  auto laptop_session = fx.principal_of(laptop->access_token).session_id;
  std::string hash_before = fx.sql("SELECT password_hash FROM auth.users WHERE id = " + quoted(ada.who.user_id));

  refuse_audit_rows(fx, "register");
  CHECK_THROWS(fx.run(domain::register_account(fx.svc(), "bob@example.com", "bobs password", test_client)));
  CHECK(fx.row_count("users", "lower(email) = 'bob@example.com'") == 0);

  refuse_audit_rows(fx, "login_success");
  CHECK_THROWS(fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", test_client)));
  CHECK(fx.row_count("sessions", "user_id = " + quoted(ada.who.user_id)) == 2);

  refuse_audit_rows(fx, "refresh");
  CHECK_THROWS(fx.run(domain::refresh(fx.svc(), laptop->refresh_token, test_client)));
  CHECK(fx.sql("SELECT encode(refresh_hash, 'hex') FROM auth.sessions WHERE id = " + quoted(laptop_session)) ==
        stored_hash_hex(laptop->refresh_token));

  refuse_audit_rows(fx, "session_revoked");
  CHECK_THROWS(fx.run(domain::revoke_session(fx.svc(), ada.who, laptop_session, test_client)));
  refuse_audit_rows(fx, "logout");
  CHECK_THROWS(fx.run(domain::logout(fx.svc(), laptop->refresh_token, test_client)));
  CHECK(fx.row_count("sessions", "revoked_at IS NULL AND id = " + quoted(laptop_session)) == 1);

  refuse_audit_rows(fx, "user_disabled");
  auth::domain::admin_services admin{fx.svc().db, fx.svc().accounts};
  CHECK_THROWS(fx.run(domain::set_user_disabled(admin, laptop_session, ada.who.user_id, true, test_client)));
  CHECK(fx.row_count("users", "NOT disabled AND id = " + quoted(ada.who.user_id)) == 1);

  refuse_audit_rows(fx, "password_changed");
  CHECK_THROWS(fx.run(domain::change_password(fx.svc(), ada.who, "analytical engine", "new engine 2", test_client)));
  CHECK(fx.sql("SELECT password_hash FROM auth.users WHERE id = " + quoted(ada.who.user_id)) == hash_before);
  CHECK(fx.row_count("sessions", "revoked_at IS NULL AND id = " + quoted(laptop_session)) == 1);

  refuse_audit_rows(fx, "account_deleted");
  CHECK_THROWS(fx.run(domain::delete_account(fx.svc(), ada.who, "analytical engine", test_client)));
  CHECK(fx.row_count("users", "id = " + quoted(ada.who.user_id)) == 1);
}
