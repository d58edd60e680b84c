// Audit use cases called directly against PostgreSQL: record (with event) appends one row as given, and
// read_audit_log pages a user's own events newest first.
#include "usecase_fixture.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/audit.hpp"

using namespace usecase_test;
namespace domain = auth::domain;

TEST_CASE("record appends the event with its outcome, client and details; an empty client is stored as NULL",
          "[auth][usecase][audit]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");
  boost::json::object details;
  details["provider"] = "openrouter";
  details["attempt"] = 3;
  fx.run(domain::record(fx.svc().db, domain::event(ada.who.user_id, domain::audit_action::key_refused, false, test_client, details)));
  fx.run(domain::record(fx.svc().db, domain::event(std::nullopt, domain::audit_action::login_failure, true, domain::client_info{"", ""})));

  CHECK(fx.sql("SELECT outcome || '|' || ip || '|' || user_agent || '|' || details::text FROM auth.audit_events "
               "WHERE action = 'key_refused'") ==
        "failure|203.0.113.7|usecase-test/1.0|{\"attempt\": 3, \"provider\": \"openrouter\"}");
  CHECK(fx.sql("SELECT outcome || '|' || (user_id IS NULL) || '|' || (ip IS NULL) || '|' || (user_agent IS NULL) || "
               "'|' || details::text FROM auth.audit_events WHERE action = 'login_failure'") ==
        "success|true|true|true|{}");
}

TEST_CASE("read_audit_log lists only the user's events, newest first, limited and paged by id",
          "[auth][usecase][audit]") {
  usecase_fixture fx;
  auto ada = fx.register_account("ada@example.com", "analytical engine");  // register
  auto bob = fx.register_account("bob@example.com", "bobs password");
  domain::client_info laptop{"198.51.100.20", "laptop-browser"};
  REQUIRE_FALSE(fx.run(domain::login(fx.svc(), "ada@example.com", "wrong password", laptop)).has_value());
  REQUIRE(fx.run(domain::login(fx.svc(), "ada@example.com", "analytical engine", laptop)).has_value());
  REQUIRE_FALSE(fx.run(domain::login(fx.svc(), "bob@example.com", "wrong password", laptop)).has_value());

  auto all = fx.run(domain::read_audit_log(fx.svc(), ada.who.user_id, 200, std::nullopt));
  REQUIRE(all.size() == 3);
  CHECK(all[0].action == "login_success");
  CHECK(all[1].action == "login_failure");
  CHECK(all[2].action == "register");
  CHECK(all[0].id > all[1].id);
  CHECK(all[1].id > all[2].id);
  CHECK(all[0].outcome == "success");
  CHECK(all[1].outcome == "failure");
  CHECK(all[1].ip == std::optional<std::string>("198.51.100.20"));
  CHECK(all[1].user_agent == std::optional<std::string>("laptop-browser"));
  CHECK(all[1].details == boost::json::value(boost::json::object{{"reason", "wrong_password"}}));
  CHECK(all[2].details == boost::json::value(boost::json::object{}));
  CHECK_THAT(all[2].at, Catch::Matches(rfc3339_pattern));
  CHECK(all[2].at == fx.sql("SELECT auth.rfc3339(at) FROM auth.audit_events WHERE id = " + std::to_string(all[2].id)));

  auto newest = fx.run(domain::read_audit_log(fx.svc(), ada.who.user_id, 1, std::nullopt));
  REQUIRE(newest.size() == 1);
  CHECK(newest[0].id == all[0].id);
  auto older = fx.run(domain::read_audit_log(fx.svc(), ada.who.user_id, 200, all[0].id));
  REQUIRE(older.size() == 2);
  CHECK(older[0].id == all[1].id);
  CHECK(older[1].id == all[2].id);
  CHECK(fx.run(domain::read_audit_log(fx.svc(), ada.who.user_id, 200, all[2].id)).empty());

  auto bobs = fx.run(domain::read_audit_log(fx.svc(), bob.who.user_id, 200, std::nullopt));
  REQUIRE(bobs.size() == 2);
  CHECK(bobs[0].action == "login_failure");
  CHECK(bobs[1].action == "register");
  CHECK(fx.run(domain::read_audit_log(fx.svc(), "00000000-0000-4000-8000-000000000000", 200, std::nullopt)).empty());
  CHECK(fx.audit_count("user_id = " + quoted(ada.who.user_id)) == 3);
}
