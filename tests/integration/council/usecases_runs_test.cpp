// Use-case tests of council runs (domain/runs): admission checks, the stored answer, and how runs end
// (models failed, time limit, conversation deleted), against the real PostgreSQL and an in-process fake.
#include "council/domain/conversations.hpp"
#include "council/domain/runs.hpp"
#include "integration/council/usecases_fixture.hpp"
#include <catch2/catch.hpp>

using namespace council_usecases;
using council::errc;
namespace domain = council::domain;

namespace {

const std::string key = "sk-or-v1-usecase-tests-key-UUUUUU";

/// {"content": text}.
council::api::message_in message(std::string text) { return council::api::message_in{std::move(text)}; }

/// A user with a key and one conversation.
struct asker {
  explicit asker(usecase_fixture& fx, const std::string& email = "asker@example.com")
      : who(fx.user(email, key)), conversation_id(fx.sync(domain::create_conversation(*fx.svc, who, {})).value().id) {}
  domain::caller who;
  std::string conversation_id;
};

/// Rows of `sql` as psql prints them (trimmed of surrounding blanks).
std::string scalar(const usecase_fixture& fx, const std::string& sql) {
  std::string out = fx.psql(sql);
  out.erase(0, out.find_first_not_of(" \n"));
  out.erase(out.find_last_not_of(" \n") + 1);
  return out;
}

}  // namespace

TEST_CASE("start_run runs the council to its answer, stores it and names the conversation", "[council][usecases]") {
  usecase_fixture fx;
  asker a(fx);
  auto started = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("Why is the sky blue?")));
  REQUIRE(started.has_value());
  auto answer = fx.sync(domain::run_answer(*started));
  REQUIRE(answer.has_value());
  CHECK(answer->stage1.size() == 2);
  CHECK(answer->stage2.size() == 2);
  CHECK(answer->stage3.model == lead_model);
  CHECK_FALSE(answer->stage3.response.empty());
  CHECK(answer->metadata.label_to_model.size() == 2);
  CHECK(answer->metadata.errors.empty());

  auto stored = fx.sync(domain::get_conversation(*fx.svc, a.who, a.conversation_id));
  REQUIRE(stored.has_value());
  REQUIRE(stored->messages.as_array().size() == 2);
  CHECK(stored->messages.as_array()[0].at("content") == "Why is the sky blue?");
  CHECK(stored->messages.as_array()[1].at("stage3").at("model").as_string() == lead_model);
  CHECK(stored->title != "New Conversation");
  CHECK(scalar(fx, "SELECT status FROM council.runs") == "completed");
  CHECK((*started)->target == nullptr);
}

TEST_CASE("start_run refuses bad content, foreign conversations and missing keys before writing anything",
          "[council][usecases]") {
  usecase_fixture fx;
  fx.config.max_content_chars = 10;
  asker a(fx);
  auto refusal = [&](const domain::caller& who, const std::string& id, council::api::message_in in) {
    auto started = fx.sync(domain::start_run(*fx.svc, who, id, std::move(in)));
    REQUIRE_FALSE(started.has_value());
    return started.error();
  };
  auto absent = refusal(a.who, a.conversation_id, council::api::message_in{});
  CHECK(absent.code == errc::invalid_input);
  CHECK(absent.detail == "content: field required");
  CHECK(refusal(a.who, a.conversation_id, message(" \n ")).detail == "content: must not be empty");
  CHECK(refusal(a.who, a.conversation_id, message("12345678901")).detail == "content: must be at most 10 characters");
  CHECK(refusal(a.who, "not-a-uuid", message("hi")).code == errc::conversation_not_found);
  CHECK(refusal(a.who, "00000000-0000-4000-8000-000000000000", message("hi")).code == errc::conversation_not_found);

  auto keyless = fx.user("keyless@example.com", "");
  auto keyless_conversation = fx.sync(domain::create_conversation(*fx.svc, keyless, {})).value().id;
  CHECK(refusal(keyless, a.conversation_id, message("hi")).code == errc::conversation_not_found);
  CHECK(refusal(keyless, keyless_conversation, message("hi")).code == errc::no_key);
  CHECK(scalar(fx, "SELECT count(*) FROM council.messages") == "0");
  CHECK(scalar(fx, "SELECT count(*) FROM council.runs") == "0");
}

TEST_CASE("start_run refuses a disabled key and a custom endpoint on a private address", "[council][usecases]") {
  usecase_fixture fx;
  asker a(fx);
  auto patched = fx.auth.call("PATCH", "/api/settings/api-key/openrouter", R"({"endpoint": "https://127.0.0.1:9/api", "current_password": "correct horse battery"})",
                              a.who.token);
  REQUIRE(patched.status == 200);
  auto private_endpoint = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("hi")));
  REQUIRE_FALSE(private_endpoint.has_value());
  CHECK(private_endpoint.error().code == errc::endpoint_refused);
  CHECK(private_endpoint.error().detail ==
        "Your custom API endpoint cannot be used (endpoint: 127.0.0.1 is a private, loopback or link-local address)");

  REQUIRE(fx.auth.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": false})", a.who.token).status == 200);
  auto disabled = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("hi")));
  REQUIRE_FALSE(disabled.has_value());
  CHECK(disabled.error().code == errc::key_disabled);
  CHECK(scalar(fx, "SELECT count(*) FROM council.runs") == "0");
}

TEST_CASE("start_run refuses a run beyond the user's limit while the others go on", "[council][usecases]") {
  usecase_fixture fx;
  fx.configure_fake(R"({"default": {"latency_ms": 500}})");
  asker a(fx);
  auto first = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("one")));
  auto second = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("two")));
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  auto third = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("three")));
  REQUIRE_FALSE(third.has_value());
  CHECK(third.error().code == errc::too_many_runs);
  CHECK(fx.sync(domain::run_answer(*first)).has_value());
  CHECK(fx.sync(domain::run_answer(*second)).has_value());
  CHECK(fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("four"))).has_value());
}

TEST_CASE("a run whose models all fail ends with models_failed, recorded on the run", "[council][usecases]") {
  usecase_fixture fx;
  fx.configure_fake(R"({"default": {"status": 400, "error_message": "no such model"}})");
  asker a(fx);
  auto started = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("Anyone?")));
  REQUIRE(started.has_value());
  auto answer = fx.sync(domain::run_answer(*started));
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == errc::models_failed);
  CHECK(answer.error().detail ==
        "All models failed to respond: test/alpha (400: no such model); test/beta (400: no such model)");
  CHECK(scalar(fx, "SELECT status || ': ' || error FROM council.runs") == "failed: " + answer.error().detail);
}

TEST_CASE("a run past its time limit ends with run_timed_out", "[council][usecases]") {
  usecase_fixture fx;
  fx.config.run_timeout = std::chrono::seconds(1);
  fx.configure_fake(R"({"default": {"hang": true}})");
  asker a(fx);
  auto started = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("Slow?")));
  REQUIRE(started.has_value());
  auto answer = fx.sync(domain::run_answer(*started));
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == errc::run_timed_out);
  CHECK(answer.error().detail == "The council run took longer than its time limit and was stopped");
}

TEST_CASE("a run whose conversation is deleted meanwhile ends with conversation_deleted", "[council][usecases]") {
  usecase_fixture fx;
  fx.configure_fake(R"({"default": {"latency_ms": 500}})");
  asker a(fx);
  auto started = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("Still there?")));
  REQUIRE(started.has_value());
  REQUIRE(fx.sync(domain::delete_conversation(*fx.svc, a.who, a.conversation_id)).has_value());
  auto answer = fx.sync(domain::run_answer(*started));
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == errc::conversation_deleted);
  CHECK(answer.error().detail == "The conversation was deleted while the council was running");
  CHECK(scalar(fx, "SELECT count(*) FROM council.runs") == "0");
}

TEST_CASE("when stage 1 fails, the title call is cancelled and the key is dropped when the run ends",
          "[council][usecases]") {
  usecase_fixture fx;
  fx.configure_fake(R"({"default": {"status": 400, "latency_ms": 200}, "models": {"test/title": {"hang": true}}})");
  asker a(fx);
  auto started = fx.sync(domain::start_run(*fx.svc, a.who, a.conversation_id, message("Title first?")));
  REQUIRE(started.has_value());
  std::weak_ptr<const council::clients::upstream_target> user_key = (*started)->target;
  REQUIRE_FALSE(user_key.expired());
  auto answer = fx.sync(domain::run_answer(*started));
  REQUIRE_FALSE(answer.has_value());
  CHECK(answer.error().code == errc::models_failed);
  CHECK(fx.requests_for(title_model) == 1);
  CHECK(user_key.expired());
}
