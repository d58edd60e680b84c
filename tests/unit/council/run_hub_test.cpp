// Unit tests of the run paths' in-process pieces: sequence numbers of the channel, terminal events, the hub routing
// cancel requests and event notifications, and the new wire shapes against proto/council.openapi.yaml.
#include "council/api.hpp"
#include "council/run/events.hpp"
#include "council/run/run_channel.hpp"
#include "council/run/run_hub.hpp"
#include "council/storage/run_event_store.hpp"
#include "support/openapi_document.hpp"
#include "support/openapi_schema.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

namespace run = council::run;
namespace json = boost::json;

namespace {

common::pg::notification events_of(const std::string& run_id) {
  return {std::string(council::storage::run_events_channel), run_id + " 7"};
}

common::awaitable<bool> wait_on(std::shared_ptr<run::event_watch> watch, common::clock::duration timeout) {
  co_return co_await watch->wait(timeout);
}

}  // namespace

TEST_CASE("a channel numbers its events from its first sequence number", "[council][channel]") {
  run::run_channel fresh;
  fresh.publish("a");
  fresh.publish("b");
  CHECK(fresh.seq_of(0) == 1);
  CHECK(fresh.seq_of(1) == 2);
  run::run_channel retry(9);
  retry.publish("c");
  CHECK(retry.seq_of(0) == 9);
}

TEST_CASE("complete, error and cancelled are the terminal events", "[council][events]") {
  CHECK(run::events::is_terminal(run::events::complete({})));
  CHECK(run::events::is_terminal(run::events::error("gone")));
  CHECK(run::events::is_terminal(run::events::cancelled()));
  CHECK_FALSE(run::events::is_terminal(run::events::started("stage1_start")));
  CHECK_FALSE(run::events::is_terminal(R"({"type": "stage1_delta", "model": "m", "delta": "complete"})"));
  CHECK_FALSE(run::events::is_terminal("not json"));
  CHECK(run::events::cancelled() == R"({"type":"cancelled"})");
}

TEST_CASE("the hub hands a cancel request to its run only", "[council][hub]") {
  run::run_hub hub;
  int cancelled = 0;
  hub.add_run("run-1", [&] { ++cancelled; });
  hub.dispatch({std::string(council::storage::run_cancel_channel), "run-2"});
  CHECK(cancelled == 0);
  hub.dispatch({std::string(council::storage::run_cancel_channel), "run-1"});
  CHECK(cancelled == 1);
  hub.dispatch({"another_channel", "run-1"});
  hub.remove_run("run-1");
  hub.dispatch({std::string(council::storage::run_cancel_channel), "run-1"});
  CHECK(cancelled == 1);
  CHECK(hub.runs() == 0);
}

TEST_CASE("an event watch wakes for its run's notifications, including one that came before the wait", "[council][hub]") {
  boost::asio::io_context io;
  run::run_hub hub;
  auto watch = hub.watch("run-1");
  hub.dispatch(events_of("run-2"));
  CHECK_FALSE(test_support::run_sync(io, wait_on(watch, std::chrono::milliseconds(10))));
  hub.dispatch(events_of("run-1"));
  CHECK(test_support::run_sync(io, wait_on(watch, std::chrono::seconds(30))));
  CHECK_FALSE(test_support::run_sync(io, wait_on(watch, std::chrono::milliseconds(10))));
}

TEST_CASE("the run paths' shapes match proto/council.openapi.yaml", "[contracts]") {
  const json::value& doc = openapi::document(openapi::api::council);
  CHECK(openapi::schema_problems(doc, "StreamEvent", json::parse(run::events::cancelled())).empty());
  CHECK(openapi::schema_problems(doc, "CancelRun", json::value_from(council::api::cancel_out{"cancelling", "0b8e2f7c-1d7c-4c5a-9a51-0c4d2f1e9b3a"})).empty());
  json::value running = json::parse(R"({"role": "assistant", "stage1": [], "stage2": [], "stage3": null, "metadata": null,
      "run_id": "0b8e2f7c-1d7c-4c5a-9a51-0c4d2f1e9b3a", "status": "running"})");
  CHECK(openapi::schema_problems(doc, "Message", running).empty());
  running.as_object()["status"] = "failed";
  running.as_object()["error"] = "The lead model failed";
  CHECK(openapi::schema_problems(doc, "Message", running).empty());
}
