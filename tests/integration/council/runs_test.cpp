// Runs through the real services and PostgreSQL: X-Run-Id and event ids, the run on the stored record, reattach
// (at every stage boundary, through a second council process), cancel during each stage (also from another
// replica), isolation between users, 409s, and the synthesis retry after a failed lead model.
#include "integration/council/council_fixture.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <thread>

using namespace council_test;
namespace json = boost::json;

namespace {

const std::string key = "sk-or-v1-runs-tests-key-RRRRRR";

/// The event types of a first answer, without stream_tokens.
const std::vector<std::string> first_answer_types{"stage1_start",   "stage1_complete", "stage2_start", "stage2_complete",
                                                  "stage3_start",   "stage3_complete", "title_complete", "complete"};

std::string events_path(const std::string& id, const std::string& run_id) {
  return "/api/conversations/" + id + "/runs/" + run_id + "/events";
}

std::string run_path(const std::string& id, const std::string& run_id, const std::string& tail) {
  return "/api/conversations/" + id + "/runs/" + run_id + "/" + tail;
}

/// The ids of `reply`'s events in order.
std::vector<long long> ids_of(const stream_reply& reply) {
  std::vector<long long> ids;
  for (const auto& e : reply.events) ids.push_back(e.id);
  return ids;
}

/// 1, 2, ..., n.
std::vector<long long> one_to(long long n) {
  std::vector<long long> ids;
  for (long long i = 1; i <= n; ++i) ids.push_back(i);
  return ids;
}

/// The last assistant message of the stored conversation.
json::object last_answer(council_fixture& stack, const std::string& id, const std::string& token) {
  auto stored = stack.conversation(id, token);
  const auto& messages = stored.at("messages").as_array();
  REQUIRE_FALSE(messages.empty());
  REQUIRE(field(messages.back(), "role") == "assistant");
  return messages.back().as_object();
}

/// The `detail` of a JSON error body.
std::string detail_of_body(const std::string& body) { return field(json::parse(body), "detail"); }

/// Checks that a stream request was refused with `status` and `detail`.
void expect_refused(const stream_reply& reply, int status, const std::string& detail) {
  CHECK(reply.status == status);
  CHECK(detail_of_body(reply.body) == detail);
}

/// Checks that a call was refused with `status` and `detail`.
void expect_refused(const common::http::client_response& r, int status, const std::string& detail) {
  CHECK(r.status == status);
  CHECK(detail_of(r) == detail);
}

/// A user with a key and one conversation.
struct asker {
  asker(council_fixture& stack, const std::string& email) : token(stack.user(email, key)), id(stack.create_conversation(token)) {}
  std::string token;
  std::string id;
};

}  // namespace

TEST_CASE("the stream names its run, numbers its events and the stored answer carries the run", "[council][integration][runs]") {
  council_fixture stack;
  asker a(stack, "named@example.com");
  auto reply = stack.ask(a.id, "Who are you?", a.token);
  REQUIRE(reply.status == 200);
  CHECK(reply.types() == first_answer_types);
  CHECK(ids_of(reply) == one_to(8));
  const std::string run_id = reply.run_id();
  REQUIRE(run_id.size() == 36);

  auto answer = last_answer(stack, a.id, a.token);
  CHECK(field(answer, "run_id") == run_id);
  CHECK(field(answer, "status") == "completed");
  CHECK_FALSE(answer.contains("error"));
  CHECK(field(answer.at("stage3"), "model") == lead_model);

  // A finished run replays every event, byte for byte, and ends.
  auto replay = stack.open_stream("GET", events_path(a.id, run_id), "", a.token);
  REQUIRE(replay.status == 200);
  CHECK(replay.run_id() == run_id);
  REQUIRE(replay.events.size() == reply.events.size());
  for (std::size_t i = 0; i < reply.events.size(); ++i) {
    CHECK(replay.events[i].id == reply.events[i].id);
    CHECK(replay.events[i].text == reply.events[i].text);
  }
  auto tail = stack.open_stream("GET", events_path(a.id, run_id) + "?last_event_id=6", "", a.token);
  CHECK(tail.types() == std::vector<std::string>{"title_complete", "complete"});
  CHECK(ids_of(tail) == std::vector<long long>{7, 8});
  auto none = stack.open_stream("GET", events_path(a.id, run_id), "", a.token, {{"Last-Event-ID", "8"}});
  CHECK(none.status == 200);
  CHECK(none.events.empty());
  CHECK(none.ended);
}

TEST_CASE("reattaching after a disconnect at every stage boundary loses and repeats nothing", "[council][integration][runs]") {
  council_fixture stack;
  auto token = stack.user("reattach@example.com", key);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 250}})"));
  for (std::size_t cut = 1; cut < first_answer_types.size(); ++cut) {
    DYNAMIC_SECTION("disconnected after " << first_answer_types[cut - 1]) {
      auto id = stack.create_conversation(token);
      auto first = stack.stream(id, content_body("Cut " + std::to_string(cut) + "?"), token, cut);
      REQUIRE(first.status == 200);
      REQUIRE(first.events.size() == cut);
      const std::string run_id = first.run_id();
      auto rest = stack.open_stream("GET", events_path(id, run_id), "", token,
                                    {{"Last-Event-ID", std::to_string(first.events.back().id)}});
      REQUIRE(rest.status == 200);
      std::vector<std::string> types = first.types();
      std::vector<long long> ids = ids_of(first);
      for (const auto& e : rest.events) {
        types.push_back(e.type);
        ids.push_back(e.id);
      }
      CHECK(types == first_answer_types);
      CHECK(ids == one_to(static_cast<long long>(first_answer_types.size())));
      auto replay = stack.open_stream("GET", events_path(id, run_id), "", token);
      REQUIRE(replay.events.size() == first_answer_types.size());
      for (std::size_t i = 0; i < first.events.size(); ++i) CHECK(replay.events[i].text == first.events[i].text);
      for (std::size_t i = 0; i < rest.events.size(); ++i) CHECK(replay.events[cut + i].text == rest.events[i].text);
    }
  }
}

TEST_CASE("a second council process on the same database follows and cancels runs of the first",
          "[council][integration][runs]") {
  council_fixture stack;
  const unsigned short replica = stack.start_replica();
  asker a(stack, "replica@example.com");
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 300}})"));
  auto first = stack.stream(a.id, content_body("Where am I?"), a.token, 2);
  REQUIRE(first.types() == std::vector<std::string>{"stage1_start", "stage1_complete"});
  const std::string run_id = first.run_id();
  auto elsewhere = stack.open_stream("GET", events_path(a.id, run_id), "", a.token, {{"Last-Event-ID", "2"}}, 0,
                                     std::chrono::seconds(60), replica);
  REQUIRE(elsewhere.status == 200);
  CHECK(elsewhere.types() == std::vector<std::string>{"stage2_start", "stage2_complete", "stage3_start", "stage3_complete",
                                                      "title_complete", "complete"});
  CHECK(ids_of(elsewhere) == std::vector<long long>{3, 4, 5, 6, 7, 8});
  auto here = stack.open_stream("GET", events_path(a.id, run_id), "", a.token, {{"Last-Event-ID", "2"}});
  REQUIRE(here.events.size() == elsewhere.events.size());
  for (std::size_t i = 0; i < here.events.size(); ++i) CHECK(here.events[i].text == elsewhere.events[i].text);

  // A cancel sent to the replica stops the run on the first process.
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 30000}})"));
  auto second = stack.stream(a.id, content_body("Stop me elsewhere?"), a.token, 1);
  const std::string second_id = second.run_id();
  auto cancelled = stack.call_on(replica, "POST", run_path(a.id, second_id, "cancel"), "", a.token);
  INFO(cancelled.body);
  REQUIRE(cancelled.status == 202);
  CHECK(field(json_of(cancelled), "status") == "cancelling");
  CHECK(field(json_of(cancelled), "run_id") == second_id);
  auto end = stack.open_stream("GET", events_path(a.id, second_id), "", a.token, {{"Last-Event-ID", "1"}}, 0,
                               std::chrono::seconds(10), replica);
  CHECK(end.types() == std::vector<std::string>{"cancelled"});
  CHECK(ids_of(end) == std::vector<long long>{2});
  CHECK(field(last_answer(stack, a.id, a.token), "status") == "cancelled");
}

TEST_CASE("a run cancelled during each stage stops, ends with cancelled and keeps the stages it finished",
          "[council][integration][runs]") {
  council_fixture stack(overrides{{"UPSTREAM_TIMEOUT", "60"}});
  auto token = stack.user("cancel@example.com", key);
  struct stage_case {
    std::string name;
    std::string fake;
    std::size_t events_before;  // events read before cancelling (the last is the stage's start)
    std::size_t stage1_answers;
    std::size_t stage2_answers;
  };
  const std::vector<stage_case> cases{
      {"stage 1", R"({"default": {"latency_ms": 40000}})", 1, 0, 0},
      {"stage 2", R"({"default": {"latency_ms": 3000}})", 3, 3, 0},
      {"stage 3", R"({"models": {"test/lead": {"latency_ms": 40000}, "test/title": {"latency_ms": 0}}})", 5, 3, 3},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION("cancelled during " << c.name) {
      auto id = stack.create_conversation(token);
      stack.configure_fake(json::parse(c.fake));
      auto started = stack.stream(id, content_body("Cancel me in " + c.name + "?"), token, c.events_before);
      REQUIRE(started.events.size() == c.events_before);
      const std::string run_id = started.run_id();
      // Meanwhile the record shows the run running, with the stages finished so far (once their events are stored).
      json::object running;
      for (int i = 0; i < 500; ++i) {
        running = last_answer(stack, id, token);
        if (running.at("stage1").as_array().size() == c.stage1_answers &&
            running.at("stage2").as_array().size() == c.stage2_answers)
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      CHECK(field(running, "status") == "running");
      CHECK(field(running, "run_id") == run_id);
      CHECK(running.at("stage1").as_array().size() == c.stage1_answers);
      CHECK(running.at("stage2").as_array().size() == c.stage2_answers);
      CHECK(running.at("stage3").is_null());
      CHECK(running.at("metadata").is_null());
      auto cancelled = stack.call("POST", run_path(id, run_id, "cancel"), "", token);
      INFO(cancelled.body);
      REQUIRE(cancelled.status == 202);
      // A run that did not stop its upstream calls would not end before this read times out.
      auto end = stack.open_stream("GET", events_path(id, run_id), "", token,
                                   {{"Last-Event-ID", std::to_string(started.events.back().id)}}, 0, std::chrono::seconds(10));
      REQUIRE_FALSE(end.events.empty());
      CHECK(end.events.back().type == "cancelled");
      CHECK(end.events.back().id == static_cast<long long>(c.events_before + end.events.size()));

      auto answer = last_answer(stack, id, token);
      CHECK(field(answer, "status") == "cancelled");
      CHECK(field(answer, "run_id") == run_id);
      CHECK(answer.at("stage1").as_array().size() == c.stage1_answers);
      CHECK(answer.at("stage2").as_array().size() == c.stage2_answers);
      CHECK(answer.at("stage3").is_null());
      CHECK_FALSE(answer.contains("error"));

      expect_refused(stack.call("POST", run_path(id, run_id, "cancel"), "", token), 409, "The run has already finished.");
      auto status = stack.auth.database().psql("SELECT status FROM council.runs WHERE id = '" + run_id + "'");
      CHECK(status.find("cancelled") != std::string::npos);
    }
  }
}

TEST_CASE("the stream that started a run ends with cancelled when the run is cancelled", "[council][integration][runs]") {
  council_fixture stack(overrides{{"UPSTREAM_TIMEOUT", "60"}});
  asker a(stack, "stopper@example.com");
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 40000}})"));
  const std::string id = a.id;
  const std::string token = a.token;
  const unsigned short port = stack.council_port();
  // Another thread cancels the run once the stored record shows it running, while this one reads the stream.
  std::thread canceller([id, token, port] {
    boost::asio::io_context io;
    common::http::client client(io.get_executor(), common::http::client_options{});
    auto send = [&](std::string method, std::string path) {
      common::http::client_request req;
      req.method = std::move(method);
      req.url = "http://127.0.0.1:" + std::to_string(port) + path;
      req.headers.emplace_back("authorization", "Bearer " + token);
      req.timeout = std::chrono::seconds(10);
      return test_support::run_sync(io, client.send(std::move(req)));
    };
    for (int i = 0; i < 200; ++i) {
      auto stored = json::parse(send("GET", "/api/conversations/" + id).body);
      for (const auto& m : stored.at("messages").as_array()) {
        const auto* status = m.as_object().if_contains("status");
        if (status && status->is_string() && status->get_string() == "running") {
          send("POST", "/api/conversations/" + id + "/runs/" + std::string(m.at("run_id").as_string()) + "/cancel");
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  auto reply = stack.stream(id, content_body("Stop?"), token, 0, std::chrono::seconds(10));
  canceller.join();
  CHECK(reply.types() == std::vector<std::string>{"stage1_start", "cancelled"});
  CHECK(ids_of(reply) == std::vector<long long>{1, 2});
}

TEST_CASE("runs are isolated between users and checked on every run path", "[council][integration][runs]") {
  council_fixture stack;
  asker alice(stack, "alice-runs@example.com");
  asker bob(stack, "bob-runs@example.com");
  auto reply = stack.ask(alice.id, "Mine?", alice.token);
  const std::string run_id = reply.run_id();
  REQUIRE_FALSE(run_id.empty());

  expect_refused(stack.open_stream("GET", events_path(alice.id, run_id), "", bob.token), 404, "Conversation not found");
  expect_refused(stack.open_stream("GET", events_path(bob.id, run_id), "", bob.token), 404, "Run not found");
  expect_refused(stack.call("POST", run_path(bob.id, run_id, "cancel"), "", bob.token), 404, "Run not found");
  expect_refused(stack.open_stream("POST", run_path(bob.id, run_id, "synthesis/stream"), "", bob.token), 404, "Run not found");
  auto elsewhere = stack.create_conversation(alice.token);
  CHECK(stack.open_stream("GET", events_path(elsewhere, run_id), "", alice.token).status == 404);
  CHECK(stack.call("POST", run_path(alice.id, "00000000-0000-4000-8000-000000000000", "cancel"), "", alice.token).status == 404);
  CHECK(stack.call("POST", run_path(alice.id, "not-a-run", "cancel"), "", alice.token).status == 404);
  CHECK(stack.call("POST", run_path(alice.id, run_id, "cancel"), "", "").status == 401);

  expect_refused(stack.open_stream("GET", events_path(alice.id, run_id), "", alice.token, {{"Last-Event-ID", "two"}}), 422,
                 "Last-Event-ID: must be a non-negative integer");
  CHECK(stack.open_stream("GET", events_path(alice.id, run_id) + "?last_event_id=-1", "", alice.token).status == 422);
  expect_refused(stack.call("POST", run_path(alice.id, run_id, "cancel"), "", alice.token), 409, "The run has already finished.");
  expect_refused(stack.open_stream("POST", run_path(alice.id, run_id, "synthesis/stream"), "", alice.token), 409,
                 "The run has already completed.");
}

TEST_CASE("a failed lead keeps stages 1 and 2, and the synthesis retry completes the answer", "[council][integration][runs]") {
  council_fixture stack;
  asker a(stack, "retry@example.com");
  stack.configure_fake(json::parse(R"({"models": {"test/lead": {"status": 400, "error_message": "lead is gone"}}})"));
  auto failed = stack.ask(a.id, "Who leads?", a.token);
  REQUIRE(failed.types().back() == "error");
  const std::string run_id = failed.run_id();
  const long long last_id = failed.events.back().id;

  auto answer = last_answer(stack, a.id, a.token);
  CHECK(field(answer, "status") == "failed");
  CHECK(field(answer, "run_id") == run_id);
  CHECK(field(answer, "error").find("The lead model failed to synthesize the final answer") == 0);
  CHECK(answer.at("stage1").as_array().size() == 3);
  CHECK(answer.at("stage2").as_array().size() == 3);
  CHECK(answer.at("stage3").is_null());
  CHECK(answer.at("metadata").at("label_to_model").as_object().size() == 3);

  stack.reset_fake();
  auto retried = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), R"({"lead_model": "test/alpha"})", a.token);
  REQUIRE(retried.status == 200);
  CHECK(retried.run_id() == run_id);
  CHECK(retried.types() == std::vector<std::string>{"stage3_start", "stage3_complete", "complete"});
  CHECK(ids_of(retried) == std::vector<long long>{last_id + 1, last_id + 2, last_id + 3});
  CHECK(field(retried.first("stage3_complete").data.at("data"), "model") == alpha_model);
  CHECK(stack.requests_for(alpha_model).size() == 1);  // the synthesis alone

  auto completed = last_answer(stack, a.id, a.token);
  CHECK(field(completed, "status") == "completed");
  CHECK_FALSE(completed.contains("error"));
  CHECK(field(completed.at("stage3"), "model") == alpha_model);
  CHECK(completed.at("stage1") == answer.at("stage1"));
  CHECK(completed.at("metadata") == retried.first("complete").data.at("metadata"));

  // The run replays with the retry's events after the failure's.
  auto replay = stack.open_stream("GET", events_path(a.id, run_id), "", a.token, {{"Last-Event-ID", std::to_string(last_id)}});
  CHECK(ids_of(replay) == std::vector<long long>{last_id + 1, last_id + 2, last_id + 3});
  REQUIRE(replay.events.size() == retried.events.size());
  for (std::size_t i = 0; i < replay.events.size(); ++i) CHECK(replay.events[i].text == retried.events[i].text);
  auto twice = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), "{}", a.token);
  CHECK(twice.status == 409);
}

TEST_CASE("a synthesis retry is refused while another runs and when stage 2 was never stored", "[council][integration][runs]") {
  council_fixture stack(overrides{{"UPSTREAM_TIMEOUT", "60"}});
  asker a(stack, "refused@example.com");
  stack.configure_fake(json::parse(R"({"models": {"test/lead": {"status": 400}}})"));
  auto failed = stack.ask(a.id, "Lead?", a.token);
  const std::string run_id = failed.run_id();
  stack.configure_fake(json::parse(R"({"models": {"test/lead": {"latency_ms": 3000}}})"));
  auto first = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), "", a.token, {}, 1);
  REQUIRE(first.status == 200);
  CHECK(field(last_answer(stack, a.id, a.token), "status") == "running");
  auto second = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), "", a.token);
  CHECK(second.status == 409);
  auto bad_model = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), R"({"lead_model": "nobody/x"})", a.token);
  CHECK(bad_model.status == 400);
  auto bad_type = stack.open_stream("POST", run_path(a.id, run_id, "synthesis/stream"), R"({"lead_model": 7})", a.token);
  CHECK(bad_type.status == 422);
  auto rest = stack.open_stream("GET", events_path(a.id, run_id), "", a.token, {{"Last-Event-ID", std::to_string(first.events[0].id)}});
  CHECK(rest.types() == std::vector<std::string>{"stage3_complete", "complete"});

  // Cancelled during stage 1: nothing to synthesise.
  auto other = stack.create_conversation(a.token);
  stack.configure_fake(json::parse(R"({"default": {"latency_ms": 40000}})"));
  auto early = stack.stream(other, content_body("Too early?"), a.token, 1);
  const std::string early_id = early.run_id();
  REQUIRE(stack.call("POST", run_path(other, early_id, "cancel"), "", a.token).status == 202);
  auto end = stack.open_stream("GET", events_path(other, early_id), "", a.token, {{"Last-Event-ID", "1"}}, 0,
                               std::chrono::seconds(10));
  CHECK(end.types() == std::vector<std::string>{"cancelled"});
  expect_refused(stack.open_stream("POST", run_path(other, early_id, "synthesis/stream"), "", a.token), 409,
                 "The run did not finish its stages 1 and 2, so there is nothing to synthesise.");
}
