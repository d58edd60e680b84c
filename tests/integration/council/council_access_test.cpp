// Who may do what: authentication, two users kept apart, each run on its own user's key, missing or
// disabled keys, the per-user run limit, custom endpoints, account deletion and claim-legacy.
#include "integration/council/council_fixture.hpp"
#include "support/environment.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

namespace {
const std::string key_a = "sk-or-v1-user-a-key-AAAAAA";
const std::string key_b = "sk-or-v1-user-b-key-BBBBBB";
const std::string no_key_text = "No API key configured. Please add your OpenRouter API key in Settings.";
}  // namespace

TEST_CASE("requests without a valid bearer token are refused with 401", "[council][integration]") {
  council_fixture stack;
  for (const char* path : {"/api/models", "/api/conversations"}) {
    auto missing = stack.call("GET", path);
    CHECK(missing.status == 401);
    CHECK(detail_of(missing) == "Not authenticated");
    CHECK(missing.header("www-authenticate") == std::optional<std::string_view>("Bearer"));
    auto bad = stack.call("GET", path, "", "not.a.token");
    CHECK(bad.status == 401);
    CHECK(detail_of(bad) == "Invalid or expired token");
    CHECK(bad.header("www-authenticate") == std::optional<std::string_view>("Bearer"));
  }
  auto basic = stack.call("GET", "/api/models", "", "", {{"authorization", "Basic dXNlcjpwYXNz"}});
  CHECK(basic.status == 401);
  auto stream = stack.stream("00000000-0000-0000-0000-000000000000", content_body("hi"), "");
  CHECK(stream.status == 401);
}

TEST_CASE("the model list comes from configuration", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("models@example.com", "");
  auto r = stack.call("GET", "/api/models", "", token);
  REQUIRE(r.status == 200);
  auto v = json_of(r);
  CHECK(json::serialize(v.at("models")) == R"(["test/alpha","test/beta","test/gamma","test/lead"])");
  CHECK(json::serialize(v.at("default_models")) == R"(["test/alpha","test/beta","test/gamma"])");
  CHECK(field(v, "default_lead_model") == lead_model);
}

TEST_CASE("conversations are created with checked model selections and listed newest first", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("create@example.com", "");
  auto r = stack.call("POST", "/api/conversations", "", token);
  REQUIRE(r.status == 200);
  auto v = json_of(r);
  CHECK(field(v, "title") == "New Conversation");
  CHECK(v.at("messages").as_array().empty());
  CHECK(json::serialize(v.at("models")) == R"(["test/alpha","test/beta","test/gamma"])");
  CHECK(field(v, "lead_model") == lead_model);
  CHECK(field(v, "created_at").back() == 'Z');

  auto custom = stack.call("POST", "/api/conversations", R"({"models": ["test/beta", "test/lead"], "lead_model": "test/beta"})", token);
  REQUIRE(custom.status == 200);
  CHECK(json::serialize(json_of(custom).at("models")) == R"(["test/beta","test/lead"])");

  auto unknown = stack.call("POST", "/api/conversations", R"({"models": ["test/alpha", "x/nope"]})", token);
  CHECK(unknown.status == 400);
  CHECK(detail_of(unknown) == "Unknown model: x/nope");
  auto one = stack.call("POST", "/api/conversations", R"({"models": ["test/alpha"]})", token);
  CHECK(one.status == 400);
  CHECK(detail_of(one) == "Select at least two models");
  auto bad_lead = stack.call("POST", "/api/conversations", R"({"lead_model": "x/lead"})", token);
  CHECK(bad_lead.status == 400);
  CHECK(detail_of(bad_lead) == "Unknown lead model: x/lead");
  auto wrong_type = stack.call("POST", "/api/conversations", R"({"models": "test/alpha"})", token);
  CHECK(wrong_type.status == 422);
  CHECK(detail_of(wrong_type) == "models: must be a list of strings");
  auto wrong_lead_type = stack.call("POST", "/api/conversations", R"({"lead_model": 3})", token);
  CHECK(wrong_lead_type.status == 422);
  CHECK(detail_of(wrong_lead_type) == "lead_model: must be a string");
  auto malformed = stack.call("POST", "/api/conversations", "{", token);
  CHECK(malformed.status == 400);
  CHECK(detail_of(malformed) == "Malformed JSON body");

  auto list = json_of(stack.call("GET", "/api/conversations", "", token)).as_array();
  REQUIRE(list.size() == 2);
  CHECK(field(list[0], "id") == field(json_of(custom), "id"));
  CHECK(field(list[1], "id") == field(v, "id"));
}

TEST_CASE("two users cannot see, delete, message or stream each other's conversations", "[council][integration]") {
  council_fixture stack;
  auto alice = stack.user("alice@example.com", key_a);
  auto bob = stack.user("bob@example.com", key_b);
  auto id = stack.create_conversation(alice);
  REQUIRE(stack.ask(id, "Alice's secret question?", alice).types().back() == "complete");

  CHECK(json_of(stack.call("GET", "/api/conversations", "", bob)).as_array().empty());
  for (const std::string& target : {id, std::string("not-a-uuid"), std::string("00000000-0000-0000-0000-000000000000"),
                                    std::string("%27%20OR%201=1")}) {
    INFO(target);
    auto get = stack.call("GET", "/api/conversations/" + target, "", bob);
    CHECK(get.status == 404);
    CHECK(detail_of(get) == "Conversation not found");
    auto del = stack.call("DELETE", "/api/conversations/" + target, "", bob);
    CHECK(del.status == 404);
    CHECK(detail_of(del) == "Conversation not found");
    auto message = stack.call("POST", "/api/conversations/" + target + "/message", content_body("mine now"), bob);
    CHECK(message.status == 404);
    CHECK(detail_of(message) == "Conversation not found");
    auto stream = stack.stream(target, content_body("mine now"), bob);
    CHECK(stream.status == 404);
  }
  auto still = stack.conversation(id, alice);
  CHECK(still.at("messages").as_array().size() == 2);
  CHECK(stack.requests_for(alpha_model, "mine now").empty());

  auto del = stack.call("DELETE", "/api/conversations/" + id, "", alice);
  CHECK(del.status == 200);
  CHECK(json::serialize(json_of(del)) == R"({"success":true})");
  CHECK(stack.call("GET", "/api/conversations/" + id, "", alice).status == 404);
}

TEST_CASE("each run uses its own user's key", "[council][integration]") {
  council_fixture stack;
  auto alice = stack.user("alice-key@example.com", key_a);
  auto bob = stack.user("bob-key@example.com", key_b);
  auto a = stack.create_conversation(alice);
  auto b = stack.create_conversation(bob);
  stack.configure_fake(json::object{{"require_key", key_a}});
  REQUIRE(stack.ask(a, "Alice asks?", alice).types().back() == "complete");
  auto refused = stack.ask(b, "Bob asks?", bob);
  REQUIRE(refused.types().back() == "error");
  CHECK(field(refused.first("error").data, "message").find("401") != std::string::npos);
  for (const auto& r : stack.fake_requests()) {
    std::string last = field(messages_of(r.as_object()).back(), "content");
    std::string hint = field(r, "authorization_hint");
    if (last.find("Alice asks?") != std::string::npos) CHECK(hint == "AAAAAA");
    if (last.find("Bob asks?") != std::string::npos) CHECK(hint == "BBBBBB");
  }
}

TEST_CASE("without a key, or with a disabled one, the run is refused before the stream starts", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("nokey@example.com", "");
  auto id = stack.create_conversation(token);
  auto streamed = stack.stream(id, content_body("Hello?"), token);
  CHECK(streamed.status == 400);
  CHECK(detail_of(common::http::client_response{400, {}, streamed.body}) == no_key_text);
  auto plain = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Hello?"), token);
  CHECK(plain.status == 400);
  CHECK(detail_of(plain) == no_key_text);

  stack.auth.save_key(token, key_a);
  auto disable = stack.auth.call("PATCH", "/api/settings/api-key/openrouter", R"({"enabled": false})", token);
  REQUIRE(disable.status == 200);
  auto disabled = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Hello?"), token);
  CHECK(disabled.status == 400);
  CHECK(detail_of(disabled) == "Your OpenRouter API key is disabled. Enable it in Settings.");
  CHECK(stack.conversation(id, token).at("messages").as_array().empty());
  CHECK(stack.fake_requests().empty());
}

TEST_CASE("a user runs at most COUNCIL_MAX_RUNS_PER_USER councils at once", "[council][integration]") {
  council_fixture stack(overrides{{"COUNCIL_MAX_RUNS_PER_USER", "2"}});
  auto token = stack.user("busy@example.com", key_a);
  auto other = stack.user("other@example.com", key_b);
  auto id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 1500}})"));
  auto first = stack.stream(id, content_body("one"), token, 1);
  auto second = stack.stream(id, content_body("two"), token, 1);
  REQUIRE(first.status == 200);
  REQUIRE(second.status == 200);
  auto third = stack.stream(id, content_body("three"), token);
  CHECK(third.status == 429);
  CHECK(detail_of(common::http::client_response{429, {}, third.body}) == "Too many concurrent runs");
  auto elsewhere = stack.stream(stack.create_conversation(other), content_body("mine"), other, 1);
  CHECK(elsewhere.status == 200);
  // Both runs finish although their clients left; then the user may run again.
  auto stored = stack.wait_for_messages(id, token, 4, std::chrono::seconds(30));
  CHECK(stored.at("messages").as_array().size() == 4);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline && (status = stack.stream(id, content_body("four"), token, 1).status) == 429) {
  }
  CHECK(status == 200);
}

TEST_CASE("a custom endpoint on a private address is refused unless UPSTREAM_ALLOW_PRIVATE", "[council][integration]") {
  council_fixture stack;
  auto token = stack.user("endpoint@example.com", key_a);
  auto id = stack.create_conversation(token);
  std::string endpoint = "https://127.0.0.1:" + std::to_string(stack.fake_port()) + "/api/v1";
  auto patch = stack.auth.call("PATCH", "/api/settings/api-key/openrouter",
                               json::serialize(json::object{{"endpoint", endpoint}, {"current_password", "correct horse battery"}}),
                               token);
  REQUIRE(patch.status == 200);
  auto r = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Where to?"), token);
  CHECK(r.status == 400);
  CHECK(detail_of(r).find("private, loopback or link-local") != std::string::npos);
  CHECK(stack.fake_requests().empty());
}

TEST_CASE("a custom https endpoint replaces the base URL for that user's calls", "[council][integration]") {
  unsigned short tls_port = test_support::free_port();
  test_support::child_process tls_fake(
      {test_support::binary("tests/fakes/fake-openrouter"), "--listen", "127.0.0.1:" + std::to_string(tls_port),
       "--tls-cert", test_support::cert("upstream.crt"), "--tls-key", test_support::cert("upstream.key")},
      {}, test_support::output_dir() + "/fake-openrouter-tls-" + std::to_string(tls_port) + ".log");
  council_fixture stack(overrides{{"UPSTREAM_ALLOW_PRIVATE", "1"}, {"UPSTREAM_CA_FILE", test_support::cert("ca.crt")}});
  auto token = stack.user("tls-endpoint@example.com", key_a);
  auto id = stack.create_conversation(token);
  std::string endpoint = "https://localhost:" + std::to_string(tls_port) + "/api/v1/";
  auto patch = stack.auth.call("PATCH", "/api/settings/api-key/openrouter",
                               json::serialize(json::object{{"endpoint", endpoint}, {"current_password", "correct horse battery"}}),
                               token);
  REQUIRE(patch.status == 200);
  auto reply = stack.ask(id, "Over TLS?", token);
  INFO(stack.log());
  CHECK(reply.types().back() == "complete");
  CHECK(stack.fake_requests().empty());  // the default upstream was not used
}

TEST_CASE("deleting an account deletes its conversations; claim-legacy hands out ownerless ones", "[council][integration]") {
  council_fixture stack;
  auto carol = stack.user("Carol@Example.com", key_a);
  const auto& db = stack.auth.database();
  db.psql("INSERT INTO council.conversations (id, user_id, title, models, lead_model) VALUES "
          "('11111111-1111-1111-1111-111111111111', NULL, 'Legacy one', '[\"test/alpha\",\"test/beta\"]', 'test/lead'), "
          "('22222222-2222-2222-2222-222222222222', NULL, 'Legacy two', '[\"test/alpha\",\"test/beta\"]', 'test/lead')");
  CHECK(stack.call("GET", "/api/conversations/11111111-1111-1111-1111-111111111111", "", carol).status == 404);
  CHECK(json_of(stack.call("GET", "/api/conversations", "", carol)).as_array().empty());

  auto refused = stack.run_cli({"claim-legacy", "--email", "carol@example.com"});
  CHECK(refused.first == 2);
  CHECK(refused.second.find("DATABASE_ADMIN_URL") != std::string::npos);
  auto unknown = stack.run_cli({"claim-legacy", "--email", "nobody@example.com"}, {{"DATABASE_ADMIN_URL", db.admin_url()}});
  CHECK(unknown.first == 1);
  auto claimed = stack.run_cli({"claim-legacy", "--email", " carol@EXAMPLE.com"}, {{"DATABASE_ADMIN_URL", db.admin_url()}});
  INFO(claimed.second);
  CHECK(claimed.first == 0);
  CHECK(claimed.second.find("claimed 2 legacy conversation(s)") != std::string::npos);
  CHECK(json_of(stack.call("GET", "/api/conversations", "", carol)).as_array().size() == 2);
  auto again = stack.run_cli({"claim-legacy", "--user-id", "33333333-3333-3333-3333-333333333333"});
  CHECK(again.first == 0);
  CHECK(again.second.find("claimed 0") != std::string::npos);

  auto gone = stack.auth.call("DELETE", "/api/auth/account", R"({"password": "correct horse battery"})", carol);
  REQUIRE(gone.status == 200);
  CHECK(db.psql("SELECT count(*) FROM council.conversations") == "0\n");
}

TEST_CASE("the council role cannot read the auth schema", "[council][integration]") {
  council_fixture stack;
  auto out = stack.auth.database().psql(
      "SET ROLE council_service; SELECT has_table_privilege('auth.users', 'SELECT')::text || "
      "has_table_privilege('auth.provider_keys', 'SELECT')::text");
  CHECK(out == "falsefalse\n");
}
