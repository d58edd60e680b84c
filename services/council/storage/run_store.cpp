// SQL for council runs: start and finish transactions, failures, stale-run sweep.
#include "council/storage/run_store.hpp"
#include "common/pg/error.hpp"

namespace council::storage {

common::awaitable<outcome<run_start>> run_store::start(std::string run_id, std::string conversation_id,
                                                      std::string user_id, std::string question, start_limits limits) {
  auto tx = co_await db_.begin();
  common::pg::params owner{conversation_id, user_id};
  auto found = co_await tx.query("SELECT 1 FROM council.conversations WHERE id = $1 AND user_id = $2 FOR UPDATE",
                                 std::move(owner));
  if (found.empty()) {
    co_await tx.commit();
    co_return council::fail(errc::conversation_not_found);
  }
  // Serialises concurrent starts of one user across replicas until this transaction ends.
  common::pg::params lock_key{user_id};
  co_await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('council.runs:' || $1, 0))", std::move(lock_key));
  common::pg::params who{user_id, std::to_string(limits.running_window_seconds)};
  auto running = co_await tx.query(
      "SELECT count(*) FROM council.runs WHERE user_id = $1 AND status = 'running' "
      "AND started_at > now() - make_interval(secs => $2::bigint)",
      std::move(who));
  if (running.integer(0, 0) >= limits.max_running) {
    co_await tx.commit();
    co_return council::fail(errc::too_many_runs);
  }
  common::pg::params conv{conversation_id};
  auto state = co_await tx.query(
      "SELECT greatest(coalesce((SELECT max(position) FROM council.messages WHERE conversation_id = $1), 0), "
      "coalesce((SELECT max(assistant_position) FROM council.runs WHERE conversation_id = $1), 0)), "
      "EXISTS (SELECT 1 FROM council.messages WHERE conversation_id = $1 AND role = 'assistant')",
      std::move(conv));
  run_start out;
  int question_position = static_cast<int>(state.integer(0, 0)) + 1;
  out.assistant_position = question_position + 1;
  out.first_answer = !state.boolean(0, 1);
  common::pg::params earlier{conversation_id, std::to_string(question_position)};
  auto rows = co_await tx.query(
      "SELECT role, CASE WHEN role = 'user' THEN content ELSE coalesce(stage3->>'response', '') END "
      "FROM council.messages WHERE conversation_id = $1 AND position < $2::int ORDER BY position",
      std::move(earlier));
  for (int i = 0; i < rows.size(); ++i) out.earlier.push_back({std::string(rows.text(i, 0)), std::string(rows.text(i, 1))});
  common::pg::params message{conversation_id, std::to_string(question_position), question};
  co_await tx.query("INSERT INTO council.messages (conversation_id, position, role, content) VALUES ($1, $2::int, 'user', $3)",
                    std::move(message));
  common::pg::params run{run_id, conversation_id, user_id, std::to_string(out.assistant_position)};
  co_await tx.query(
      "INSERT INTO council.runs (id, conversation_id, user_id, assistant_position) VALUES ($1, $2, $3, $4::int)",
      std::move(run));
  co_await tx.commit();
  co_return out;
}

common::awaitable<outcome<void>> run_store::finish(run_finish done) {
  try {
    auto tx = co_await db_.begin();
    common::pg::params message{done.conversation_id, std::to_string(done.assistant_position), done.stage1_json,
                               done.stage2_json, done.stage3_json, done.metadata_json};
    co_await tx.query(
        "INSERT INTO council.messages (conversation_id, position, role, stage1, stage2, stage3, metadata) "
        "VALUES ($1, $2::int, 'assistant', $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb)",
        std::move(message));
    if (done.title) {
      common::pg::params title{done.conversation_id, *done.title};
      co_await tx.query("UPDATE council.conversations SET title = $2 WHERE id = $1", std::move(title));
    }
    common::pg::params run{done.run_id};
    co_await tx.query("UPDATE council.runs SET status = 'completed', finished_at = now() WHERE id = $1", std::move(run));
    co_await tx.commit();
    co_return outcome<void>();
  } catch (const common::pg::error& e) {
    if (e.kind != common::pg::error_kind::foreign_key_violation) throw;
  }
  co_return council::fail(errc::conversation_deleted);
}

common::awaitable<void> run_store::fail(std::string run_id, std::string error) {
  common::pg::params p{run_id, error};
  co_await db_.query("UPDATE council.runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1", std::move(p));
}

common::awaitable<long long> run_store::fail_stale(long long older_than_seconds) {
  common::pg::params p{std::to_string(older_than_seconds)};
  auto r = co_await db_.query(
      "UPDATE council.runs SET status = 'failed', finished_at = now(), error = 'interrupted: the service stopped' "
      "WHERE status = 'running' AND started_at < now() - make_interval(secs => $1::double precision)",
      std::move(p));
  co_return r.affected();
}

}  // namespace council::storage
