// No secret reaches a log line: passwords, provider keys, access and refresh tokens stay out of both services'
// logs through a whole session (registration, a failed login, key storage and release, a council run, logout),
// at the most verbose log level.
#include "integration/council/council_fixture.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

using namespace council_test;
namespace json = boost::json;

TEST_CASE("passwords, keys and tokens never appear in the services' logs", "[council][secrets]") {
  council_fixture stack(overrides{{"LOG_LEVEL", "debug"}});
  stack.auth.restart({{"LOG_LEVEL", "debug"}});
  const std::string password = "pw-Zebra-Quartz-Lantern-91";
  const std::string wrong_password = "pw-Wrong-Walrus-Marble-17";
  const std::string key = "sk-or-v1-LOGCHECK-7f3a9c1e5b2d4680";
  auto tokens = stack.auth.register_user("logs@example.com", password);
  CHECK(stack.auth.call("POST", "/api/auth/login",
                        json::serialize(json::object{{"email", "logs@example.com"}, {"password", wrong_password}}))
            .status == 401);
  auto session = stack.auth.login("logs@example.com", password);
  stack.auth.save_key(session.access, key);
  auto id = stack.create_conversation(session.access);
  REQUIRE(stack.ask(id, "Is anything leaking?", session.access).types().back() == "complete");
  CHECK(stack.auth.call("POST", "/api/auth/refresh", json::serialize(json::object{{"refresh_token", tokens.refresh}}))
            .status == 200);
  CHECK(stack.auth.call("POST", "/api/auth/logout", json::serialize(json::object{{"refresh_token", session.refresh}}))
            .status == 200);

  const std::string logs = stack.auth.log() + stack.log();
  // Both logs were really captured, at debug level.
  REQUIRE(stack.log().find("council run completed") != std::string::npos);
  REQUIRE(stack.auth.log().find("/api/auth/login") != std::string::npos);
  const std::string access_signature = session.access.substr(session.access.rfind('.') + 1);
  for (const std::string& secret : {password, wrong_password, key, session.access, access_signature, session.refresh, tokens.refresh}) {
    INFO("secret found in a log: " << secret.substr(0, 12) << "...");
    CHECK(logs.find(secret) == std::string::npos);
  }
  CHECK(logs.find("LOGCHECK") == std::string::npos);  // not even a part of the key
}
