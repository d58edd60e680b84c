// Fault injection through the real services: an upstream that hangs, resets, sends garbage or drips bytes,
// PostgreSQL restarted mid-run, the auth service down at run start and mid-run, SIGTERM with connected and
// disconnected clients, and a log stream on a full device. Each checks that the question and either its answer
// or a recorded failure survive, and that the service keeps serving afterwards.
#include "integration/council/background_request.hpp"
#include "integration/council/council_fixture.hpp"
#include "integration/council/faulty_upstream.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <functional>
#include <future>
#include <set>
#include <thread>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key = "sk-or-v1-fault-tests-key-FFFFFF";
const std::string key_service_down = "The key service is unavailable; please try again shortly";

/// Waits until the fake has received at least `count` chat requests.
void wait_for_upstream_requests(council_fixture& stack, std::size_t count) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (stack.fake_requests().size() < count) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

/// Every run of the database: "<status>|<error>" lines in start order.
std::string runs_of(council_fixture& stack) {
  return stack.auth.database().psql("SELECT status || '|' || coalesce(error, '') FROM council.runs ORDER BY started_at");
}

/// True when every stored question has its answer or its run ended with a recorded failure.
void expect_question_kept_with_outcome(council_fixture& stack, const std::string& question) {
  const auto& db = stack.auth.database();
  std::string q = question;
  CHECK(db.psql("SELECT count(*) FROM council.messages WHERE role = 'user' AND content = '" + q + "'") == "1\n");
  std::string outcome = db.psql(
      "SELECT CASE WHEN r.status = 'completed' AND EXISTS (SELECT 1 FROM council.messages a WHERE a.conversation_id = "
      "r.conversation_id AND a.position = r.assistant_position AND a.role = 'assistant') THEN 'answer' "
      "WHEN r.status = 'failed' AND coalesce(r.error, '') <> '' THEN 'failure' ELSE r.status END "
      "FROM council.runs r JOIN council.messages m ON m.conversation_id = r.conversation_id "
      "AND m.position = r.assistant_position - 1 WHERE m.content = '" + q + "'");
  INFO(runs_of(stack));
  CHECK((outcome == "answer\n" || outcome == "failure\n"));
}

/// Asks `question` with slow models, calls `interrupt` once stage 1 has reached the upstream, and expects the
/// whole answer anyway, stored with the question.
void interrupt_mid_run(council_fixture& stack, const std::string& token, const std::string& id,
                       const std::string& question, const std::function<void()>& interrupt) {
  stack.reset_fake();  // empties the request log, so that the wait below sees this run's requests
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 700}})"));
  auto pending = post_in_background(stack.council_port(), "/api/conversations/" + id + "/message", content_body(question), token);
  wait_for_upstream_requests(stack, 1);
  interrupt();
  auto answer = pending.get();
  INFO(stack.log());
  CHECK(answer.status == 200);
  expect_question_kept_with_outcome(stack, question);
}

/// The assistant message of a run the key service's outage stopped at its start: failed, with the 503's sentence,
/// its run id and no stage.
void expect_failed_at_start(const json::value& message) {
  CHECK(field(message, "role") == "assistant");
  CHECK(field(message, "status") == "failed");
  CHECK(field(message, "error") == key_service_down);
  CHECK(field(message, "run_id").size() == 36);
  CHECK(message.at("stage1").as_array().empty());
  CHECK(message.at("stage2").as_array().empty());
  CHECK(message.at("stage3").is_null());
  CHECK(message.at("metadata").is_null());
}

/// The service answers a new question completely.
void expect_serving(council_fixture& stack, const std::string& token, const std::string& question) {
  auto id = stack.create_conversation(token);
  auto reply = stack.ask(id, question, token);
  INFO(stack.log());
  CHECK(reply.types().back() == "complete");
  CHECK(stack.conversation(id, token).at("messages").as_array().size() == 2);
}

}  // namespace

TEST_CASE("an upstream that hangs, resets, sends garbage or drips bytes leaves an answer with recorded failures",
          "[council][integration][faults]") {
  faulty_upstream upstream;
  council_fixture stack(overrides{{"OPENROUTER_BASE_URL", upstream.base_url()}, {"UPSTREAM_MAX_TRIES", "1"}});
  auto token = stack.user("faulty-upstream@example.com", key);
  auto id = stack.create_conversation(token);
  upstream.set(alpha_model, fault::drip);
  upstream.set(beta_model, fault::reset);
  upstream.set(gamma_model, fault::garbage);
  upstream.set(title_model, fault::hang);
  auto reply = stack.ask(id, "Who misbehaves?", token);
  INFO(stack.log());
  REQUIRE(reply.types().back() == "complete");
  auto stored = stack.conversation(id, token);
  auto messages = stored.at("messages").as_array();
  REQUIRE(messages.size() == 2);
  CHECK(field(messages[0], "content") == "Who misbehaves?");
  auto stage1 = messages[1].at("stage1").as_array();
  REQUIRE(stage1.size() == 1);
  CHECK(field(stage1[0], "model") == alpha_model);
  CHECK(field(stage1[0], "response").find("Steady answer from test/alpha") == 0);
  std::set<std::string> failed;
  for (const auto& e : messages[1].at("metadata").at("errors").as_array()) failed.insert(field(e, "stage") + " " + field(e, "model"));
  CHECK(failed.contains("stage1 " + beta_model));
  CHECK(failed.contains("stage1 " + gamma_model));
  CHECK(failed.contains("title " + title_model));
  CHECK(field(stored, "title") == "Who misbehaves?");  // the hanging title model's fallback

  upstream.clear();
  expect_serving(stack, token, "Is everyone well again?");
}

TEST_CASE("PostgreSQL restarted mid-run keeps the question and its answer or failure", "[council][integration][faults]") {
  council_fixture stack;
  auto token = stack.user("pg-restart@example.com", key);
  auto id = stack.create_conversation(token);
  interrupt_mid_run(stack, token, id, "Survive a restart?", [] { test_support::restart_postgres(); });
  stack.reset_fake();
  expect_serving(stack, token, "After the restart?");
}

TEST_CASE("the auth service down at run start keeps the question with a failed answer; down mid-run the run completes",
          "[council][integration][faults]") {
  council_fixture stack;
  auto token = stack.user("auth-down@example.com", key);
  auto id = stack.create_conversation(token);
  const std::string untitled = field(stack.conversation(id, token), "title");

  stack.auth.stop();
  auto refused = stack.call("POST", "/api/conversations/" + id + "/message", content_body("Auth away?"), token);
  CHECK(refused.status == 503);
  CHECK(detail_of(refused) == key_service_down);
  auto streamed = stack.stream(id, content_body("Auth away, streamed?"), token);
  CHECK(streamed.status == 503);
  CHECK(detail_of(common::http::client_response{503, {}, streamed.body}) == key_service_down);
  CHECK(streamed.events.empty());

  auto stored = stack.conversation(id, token);  // still serving, with both questions and their failures
  auto messages = stored.at("messages").as_array();
  REQUIRE(messages.size() == 4);
  CHECK(field(messages[0], "content") == "Auth away?");
  expect_failed_at_start(messages[1]);
  CHECK(field(messages[2], "content") == "Auth away, streamed?");
  expect_failed_at_start(messages[3]);
  CHECK(field(messages[1], "run_id") != field(messages[3], "run_id"));
  CHECK(field(stored, "title") == untitled);  // as after a first run whose stage 1 failed
  CHECK(runs_of(stack) == "failed|" + key_service_down + "\nfailed|" + key_service_down + "\n");
  CHECK(stack.fake_requests().empty());
  stack.auth.restart();
  expect_serving(stack, token, "Auth back?");

  interrupt_mid_run(stack, token, id, "Auth leaves mid-run?", [&stack] { stack.auth.stop(); });
  stack.auth.restart();
  stack.reset_fake();
  expect_serving(stack, token, "Auth back again?");
}

TEST_CASE("a council started while the auth service is down serves once it is back", "[council][integration][faults]") {
  council_fixture stack;
  auto token = stack.user("auth-down-at-start@example.com", key);
  CHECK(stack.stop_council() == 0);
  stack.auth.stop();
  auto auth_back = std::async(std::launch::async, [&stack] {
    const bool council_up = test_support::wait_for_health(stack.council_port(), 15000);  // running, without keys
    stack.auth.restart();
    return council_up;
  });
  stack.start_council();  // returns once /readyz is 200: the JWKS was fetched after the auth service came back
  CHECK(auth_back.get());
  expect_serving(stack, token, "Auth back after my start?");
}

TEST_CASE("SIGTERM with connected and disconnected clients keeps both questions with an answer or a failure",
          "[council][integration][faults]") {
  council_fixture stack;
  auto token = stack.user("sigterm@example.com", key);
  auto connected_id = stack.create_conversation(token);
  auto gone_id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 1500}})"));
  auto connected = post_in_background(stack.council_port(), "/api/conversations/" + connected_id + "/message/stream",
                                      content_body("Connected at shutdown?"), token);
  auto gone = stack.stream(gone_id, content_body("Gone before shutdown?"), token, 1);
  CHECK(gone.status == 200);
  wait_for_upstream_requests(stack, 6);
  CHECK(stack.stop_council() == 0);
  connected.wait();  // the stream is cut at the end of SHUTDOWN_GRACE; what counts is what was stored
  expect_question_kept_with_outcome(stack, "Connected at shutdown?");
  expect_question_kept_with_outcome(stack, "Gone before shutdown?");
  stack.reset_fake();
  stack.start_council();
  expect_serving(stack, token, "Up again?");
}

TEST_CASE("a log stream on a full device neither stops runs nor the service", "[council][integration][faults]") {
  council_fixture stack;
  auto token = stack.user("full-disk@example.com", key);
  auto env = stack.environment();
  unsigned short port = test_support::free_port();
  env["COUNCIL_LISTEN"] = "127.0.0.1:" + std::to_string(port);
  env["LOG_LEVEL"] = "debug";
  test_support::child_process full({test_support::binary("services/council/council-service"), "serve"}, env, "/dev/full");
  REQUIRE(test_support::wait_for_health(port, 15000));
  auto id = stack.create_conversation(token);
  for (const std::string question : {"Logs full?", "Still logs full?"}) {
    auto answer = post_in_background(port, "/api/conversations/" + id + "/message", content_body(question), token).get();
    CHECK(answer.status == 200);
    expect_question_kept_with_outcome(stack, question);
  }
  CHECK(full.running());
}
