// COUNCIL_MAX_RUNS_PER_USER holds across replicas: runs in progress are counted in PostgreSQL, so rows written
// by another council-service process count too, and rows left behind by a dead process stop counting.
#include "integration/council/council_fixture.hpp"
#include "common/core/uuid.hpp"
#include <catch2/catch.hpp>

using namespace council_test;

namespace {

/// Inserts a "running" run for `conversation_id`'s owner as another replica would, started `age` ago.
void insert_running_run(council_fixture& stack, const std::string& conversation_id, const std::string& age) {
  stack.auth.database().psql(
      "INSERT INTO council.runs (id, conversation_id, user_id, assistant_position, started_at) "
      "SELECT '" + common::random_uuid() + "', id, user_id, 1000 + (random() * 1000)::int, now() - interval '" + age +
      "' FROM council.conversations WHERE id = '" + conversation_id + "'");
}

}  // namespace

TEST_CASE("runs started by another replica count toward the per-user limit; abandoned ones do not",
          "[council][integration][limit]") {
  council_fixture stack(overrides{{"COUNCIL_MAX_RUNS_PER_USER", "2"}, {"COUNCIL_RUN_TIMEOUT", "60"}});
  auto token = stack.user("replicas@example.com", "sk-or-v1-replica-key-RRRRRR");
  auto id = stack.create_conversation(token);
  insert_running_run(stack, id, "5 seconds");
  insert_running_run(stack, id, "10 seconds");

  auto refused = stack.stream(id, content_body("Over the limit?"), token);
  CHECK(refused.status == 429);
  CHECK(detail_of(common::http::client_response{429, {}, refused.body}) == "Too many concurrent runs");
  CHECK(stack.requests_for(alpha_model, "Over the limit?").empty());
  // The refused question was not stored.
  CHECK(stack.conversation(id, token).at("messages").as_array().empty());

  // Older than the run time limit + 60 s: left by a process that died, no longer counted.
  stack.auth.database().psql("UPDATE council.runs SET started_at = now() - interval '10 minutes' WHERE status = 'running'");
  auto allowed = stack.ask(id, "Now?", token);
  CHECK(allowed.status == 200);
  CHECK(allowed.types().back() == "complete");
}
