// Use-case tests of callers and conversations (domain/callers, domain/conversations) against the real PostgreSQL.
#include "council/domain/callers.hpp"
#include "council/domain/conversations.hpp"
#include "integration/council/usecases_fixture.hpp"
#include <catch2/catch.hpp>

using namespace council_usecases;
using council::errc;
namespace domain = council::domain;

namespace {

const std::string unknown_id = "00000000-0000-4000-8000-000000000000";

}  // namespace

TEST_CASE("authenticate accepts the auth service's tokens and refuses anything else", "[council][usecases]") {
  usecase_fixture fx;
  auto tokens = fx.auth.register_user("caller@example.com", "correct horse battery");
  auto who = fx.sync(domain::authenticate(*fx.svc, tokens.access));
  REQUIRE(who.has_value());
  CHECK(who->token == tokens.access);
  CHECK(who->user_id.size() == 36);

  auto garbage = fx.sync(domain::authenticate(*fx.svc, "not.a.token"));
  REQUIRE_FALSE(garbage.has_value());
  CHECK(garbage.error().code == errc::invalid_token);
  auto empty = fx.sync(domain::authenticate(*fx.svc, ""));
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().code == errc::invalid_token);
  auto oversized = fx.sync(domain::authenticate(*fx.svc, std::string(8193, 'a')));
  REQUIRE_FALSE(oversized.has_value());
  CHECK(oversized.error().code == errc::invalid_token);
}

TEST_CASE("list_models answers the configured catalog", "[council][usecases]") {
  usecase_fixture fx;
  auto models = domain::list_models(*fx.svc);
  CHECK(models.models == std::vector<std::string>{alpha_model, beta_model, lead_model});
  CHECK(models.default_models == std::vector<std::string>{alpha_model, beta_model});
  CHECK(models.default_lead_model == lead_model);
}

TEST_CASE("create_conversation applies defaults, honours a selection and refuses a bad one", "[council][usecases]") {
  usecase_fixture fx;
  auto who = fx.user("create@example.com", "");

  auto defaults = fx.sync(domain::create_conversation(*fx.svc, who, {}));
  REQUIRE(defaults.has_value());
  CHECK(defaults->models == std::vector<std::string>{alpha_model, beta_model});
  CHECK(defaults->lead_model == lead_model);
  CHECK(defaults->title == "New Conversation");
  CHECK(defaults->messages.as_array().empty());
  CHECK(defaults->created_at.back() == 'Z');

  council::api::conversation_in chosen;
  chosen.models = std::vector<std::string>{beta_model, lead_model, beta_model};
  chosen.lead_model = beta_model;
  auto picked = fx.sync(domain::create_conversation(*fx.svc, who, chosen));
  REQUIRE(picked.has_value());
  CHECK(picked->models == std::vector<std::string>{beta_model, lead_model});
  CHECK(picked->lead_model == beta_model);

  council::api::conversation_in unknown;
  unknown.models = std::vector<std::string>{alpha_model, "x/unknown"};
  auto refused = fx.sync(domain::create_conversation(*fx.svc, who, unknown));
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == errc::invalid_selection);
  CHECK(refused.error().detail == "Unknown model: x/unknown");
  CHECK(fx.psql("SELECT count(*) FROM council.conversations").find("2") != std::string::npos);
}

TEST_CASE("create_conversation for an account deleted after its token was issued is invalid_token",
          "[council][usecases]") {
  usecase_fixture fx;
  auto who = fx.user("gone@example.com", "");
  fx.psql("DELETE FROM auth.users WHERE id = '" + who.user_id + "'");
  auto created = fx.sync(domain::create_conversation(*fx.svc, who, {}));
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().code == errc::invalid_token);
}

TEST_CASE("list, get and delete see only the caller's conversations", "[council][usecases]") {
  usecase_fixture fx;
  auto alice = fx.user("alice-uc@example.com", "");
  auto bob = fx.user("bob-uc@example.com", "");
  auto first = fx.sync(domain::create_conversation(*fx.svc, alice, {}));
  auto second = fx.sync(domain::create_conversation(*fx.svc, alice, {}));
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());

  auto listed = fx.sync(domain::list_conversations(*fx.svc, alice));
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].id == second->id);
  CHECK(listed[1].id == first->id);
  CHECK(listed[0].message_count == 0);
  CHECK(fx.sync(domain::list_conversations(*fx.svc, bob)).empty());

  auto mine = fx.sync(domain::get_conversation(*fx.svc, alice, first->id));
  REQUIRE(mine.has_value());
  CHECK(mine->id == first->id);
  CHECK(mine->models == first->models);
  CHECK(mine->messages.as_array().empty());
  for (const std::string& id : {first->id, unknown_id, std::string("not-a-uuid")}) {
    auto hidden = fx.sync(domain::get_conversation(*fx.svc, id == first->id ? bob : alice, id));
    REQUIRE_FALSE(hidden.has_value());
    CHECK(hidden.error().code == errc::conversation_not_found);
  }

  auto not_bobs = fx.sync(domain::delete_conversation(*fx.svc, bob, first->id));
  REQUIRE_FALSE(not_bobs.has_value());
  CHECK(not_bobs.error().code == errc::conversation_not_found);
  CHECK(fx.sync(domain::delete_conversation(*fx.svc, alice, first->id)).has_value());
  auto again = fx.sync(domain::delete_conversation(*fx.svc, alice, first->id));
  REQUIRE_FALSE(again.has_value());
  CHECK(again.error().code == errc::conversation_not_found);
  auto invalid = fx.sync(domain::delete_conversation(*fx.svc, alice, "not-a-uuid"));
  REQUIRE_FALSE(invalid.has_value());
  CHECK(invalid.error().code == errc::conversation_not_found);
  CHECK(fx.sync(domain::list_conversations(*fx.svc, alice)).size() == 1);
}
