// COUNCIL_MAX_ACTIVE_RUNS through the real service: a run over the limit waits its turn (its stream kept alive by
// pings), asks no model before the running one ended, then completes with the usual events.
#include "integration/council/background_request.hpp"
#include "integration/council/council_fixture.hpp"
#include "support/prometheus_text.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <thread>

using namespace council_test;
using test_support::metric_sample;
namespace json = boost::json;

namespace {

/// True when a message of the fake's chat request `request` contains `text`.
bool mentions(const json::value& request, const std::string& text) {
  for (const auto& m : request.at("messages").as_array())
    if (field(m, "content").find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("over COUNCIL_MAX_ACTIVE_RUNS a run waits for its turn, then completes as usual",
          "[council][integration][gate]") {
  council_fixture stack(overrides{{"COUNCIL_MAX_ACTIVE_RUNS", "1"}, {"UPSTREAM_TIMEOUT", "20"}});
  auto token = stack.user("gate@example.com", "sk-or-v1-gate-tests-key-GGGGGG");
  const std::string first_id = stack.create_conversation(token);
  const std::string second_id = stack.create_conversation(token);
  // Every answer arrives in small pieces 60 ms apart: the first run takes a few heartbeats.
  stack.configure_fake(json::parse(R"({"default": {"chunk_bytes": 20, "chunk_delay_ms": 60}})"));

  auto first = post_in_background(stack.council_port(), "/api/conversations/" + first_id + "/message",
                                  content_body("First in line?"), token);
  for (int i = 0; i < 500 && stack.requests_for(alpha_model, "First in line?").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE_FALSE(stack.requests_for(alpha_model, "First in line?").empty());

  auto second = stack.stream(second_id, content_body("Second in line?"), token);
  INFO(stack.log().substr(0, 4000));
  const std::vector<std::string> expected{"stage1_start", "stage1_complete", "stage2_start", "stage2_complete",
                                          "stage3_start", "stage3_complete", "title_complete", "complete"};
  CHECK(second.types() == expected);
  CHECK(second.pings >= 1);
  CHECK(first.get().status == 200);

  // Every call of the first run was asked before any call of the second.
  const json::array requests = stack.fake_requests();
  std::size_t last_first = 0;
  std::size_t first_second = requests.size();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (mentions(requests[i], "First in line?")) last_first = i;
    if (mentions(requests[i], "Second in line?") && first_second == requests.size()) first_second = i;
  }
  REQUIRE(first_second < requests.size());
  CHECK(last_first < first_second);
}

TEST_CASE("a run waiting for its turn shows in council_runs_waiting until it starts", "[council][integration][gate]") {
  council_fixture stack(overrides{{"COUNCIL_MAX_ACTIVE_RUNS", "1"}, {"UPSTREAM_TIMEOUT", "20"}});
  auto token = stack.user("gauge@example.com", "sk-or-v1-gate-gauge-key-WWWWWW");
  const std::string first_id = stack.create_conversation(token);
  const std::string second_id = stack.create_conversation(token);
  stack.configure_fake(json::parse(R"({"default": {"chunk_bytes": 20, "chunk_delay_ms": 60}})"));

  auto first = post_in_background(stack.council_port(), "/api/conversations/" + first_id + "/message",
                                  content_body("Running?"), token);
  for (int i = 0; i < 500 && stack.requests_for(alpha_model, "Running?").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto second = post_in_background(stack.council_port(), "/api/conversations/" + second_id + "/message",
                                   content_body("Waiting?"), token);
  double waiting = 0;
  for (int i = 0; i < 500 && waiting == 0; ++i) {
    waiting = metric_sample(stack.call("GET", "/metrics").body, "council_runs_waiting").value_or(0);
    if (waiting == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(waiting == 1);
  CHECK(first.get().status == 200);
  CHECK(second.get().status == 200);
  CHECK(metric_sample(stack.call("GET", "/metrics").body, "council_runs_waiting") == 0);
}

TEST_CASE("COUNCIL_MAX_ACTIVE_RUNS outside its range stops the council at start-up", "[council][integration][gate]") {
  council_fixture stack;
  auto [status, output] = stack.run_cli({"serve"}, {{"COUNCIL_MAX_ACTIVE_RUNS", "0"}});
  CHECK(status != 0);
  CHECK(output.find("COUNCIL_MAX_ACTIVE_RUNS") != std::string::npos);
}
