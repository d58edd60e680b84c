// SQL for council runs: start and finish transactions, failures, stale-run sweep.
#include "council/storage/run_store.hpp"
#include "common/pg/error.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace council::storage {
namespace pg = common::pg;

namespace {

constexpr std::string_view lock_conversation_sql =
    "SELECT 1 FROM council.conversations WHERE id = $1 AND user_id = $2 FOR UPDATE";
// Serialises concurrent starts of one user across replicas until the transaction ends.
constexpr std::string_view lock_user_runs_sql = "SELECT pg_advisory_xact_lock(hashtextextended('council.runs:' || $1, 0))";
constexpr std::string_view count_running_sql =
    "SELECT count(*) AS running FROM council.runs WHERE user_id = $1 AND status = 'running' "
    "AND started_at > now() - make_interval(secs => $2)";
constexpr std::string_view positions_sql =
    "SELECT greatest(coalesce((SELECT max(position) FROM council.messages WHERE conversation_id = $1), 0), "
    "coalesce((SELECT max(assistant_position) FROM council.runs WHERE conversation_id = $1), 0)) AS last_position, "
    "EXISTS (SELECT 1 FROM council.messages WHERE conversation_id = $1 AND role = 'assistant' AND status = 'completed') "
    "AS answered";
constexpr std::string_view earlier_messages_sql =
    "SELECT role, CASE WHEN role = 'user' THEN content ELSE coalesce(stage3->>'response', '') END AS text "
    "FROM council.messages WHERE conversation_id = $1 AND position < $2 AND status = 'completed' ORDER BY position";
constexpr std::string_view insert_question_sql =
    "INSERT INTO council.messages (conversation_id, position, role, content) VALUES ($1, $2, 'user', $3)";
constexpr std::string_view insert_run_sql =
    "INSERT INTO council.runs (id, conversation_id, user_id, assistant_position) VALUES ($1, $2, $3, $4)";
// The answer, the title (when $7 is not NULL) and the run's completion in one statement: one round trip, and
// atomic like the transaction it replaces (a deleted conversation fails the INSERT's foreign key).
// A message already there (a synthesis retry) keeps its stages 1 and 2.
constexpr std::string_view finish_run_sql =
    "WITH answer AS (INSERT INTO council.messages "
    "(conversation_id, position, role, stage1, stage2, stage3, metadata, run_id, status) "
    "VALUES ($1, $2, 'assistant', $3, $4, $5, $6, $8, 'completed') ON CONFLICT (conversation_id, position) DO UPDATE "
    "SET stage3 = EXCLUDED.stage3, metadata = EXCLUDED.metadata, status = 'completed', error = NULL), "
    "titled AS (UPDATE council.conversations SET title = $7 WHERE id = $1 AND $7 IS NOT NULL), "
    "completed AS (UPDATE council.runs SET status = 'completed', finished_at = now(), error = NULL WHERE id = $8) "
    "SELECT 1";
constexpr std::string_view end_run_sql =
    "WITH answer AS (INSERT INTO council.messages "
    "(conversation_id, position, role, stage1, stage2, metadata, run_id, status, error) "
    "VALUES ($1, $2, 'assistant', $3, $4, NULLIF($5, 'null'::jsonb), $6, $7, $8) "
    "ON CONFLICT (conversation_id, position) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error), "
    "ended AS (UPDATE council.runs SET status = $7, finished_at = now(), error = $8, last_seq = $9 WHERE id = $6) "
    "SELECT 1";
constexpr std::string_view status_sql =
    "SELECT status FROM council.runs WHERE id = $1 AND conversation_id = $2 AND user_id = $3";
constexpr std::string_view synthesis_source_sql =
    "SELECT r.status, r.assistant_position, coalesce(q.content, '') AS question, m.stage1, m.stage2, m.metadata, "
    "greatest(r.last_seq, (SELECT coalesce(max(e.seq), 0) FROM council.run_events e WHERE e.run_id = r.id)) AS last_seq "
    "FROM council.runs r "
    "LEFT JOIN council.messages m ON m.conversation_id = r.conversation_id AND m.position = r.assistant_position "
    "LEFT JOIN council.messages q ON q.conversation_id = r.conversation_id AND q.position = r.assistant_position - 1 "
    "WHERE r.id = $1 AND r.conversation_id = $2 AND r.user_id = $3 FOR UPDATE OF r";
constexpr std::string_view rerun_sql =
    "WITH answer AS (UPDATE council.messages SET status = 'running', error = NULL WHERE conversation_id = $2 "
    "AND position = $3) "
    "UPDATE council.runs SET status = 'running', finished_at = NULL, error = NULL, started_at = now() WHERE id = $1";
constexpr std::string_view fail_run_sql =
    "UPDATE council.runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1";
// A stale synthesis retry also leaves its message running: it fails with its run.
constexpr std::string_view fail_stale_sql =
    "WITH stale AS (UPDATE council.runs SET status = 'failed', finished_at = now(), "
    "error = 'interrupted: the service stopped' "
    "WHERE status = 'running' AND started_at < now() - make_interval(secs => $1) RETURNING id, error), "
    "answers AS (UPDATE council.messages m SET status = 'failed', error = stale.error FROM stale "
    "WHERE m.run_id = stale.id AND m.status = 'running') "
    "SELECT count(*) AS running FROM stale";
// A run this process was running when it stopped, and its message when a synthesis retry left it running.
constexpr std::string_view fail_interrupted_sql =
    "WITH ended AS (UPDATE council.runs SET status = 'failed', finished_at = now(), "
    "error = 'interrupted: the service stopped' WHERE id = $1 AND status = 'running' RETURNING id, error), "
    "answers AS (UPDATE council.messages m SET status = 'failed', error = ended.error FROM ended "
    "WHERE m.run_id = ended.id AND m.status = 'running') "
    "SELECT count(*) AS running FROM ended";

struct running_row {
  long long running = 0;
};
BOOST_DESCRIBE_STRUCT(running_row, (), (running))

struct synthesis_row {
  std::string status;
  int assistant_position = 0;
  std::string question;
  boost::json::value stage1;
  boost::json::value stage2;
  boost::json::value metadata;
  int last_seq = 0;
};
BOOST_DESCRIBE_STRUCT(synthesis_row, (), (status, assistant_position, question, stage1, stage2, metadata, last_seq))

struct status_row {
  std::string status;
};
BOOST_DESCRIBE_STRUCT(status_row, (), (status))

/// Why the synthesis of a run in `row` cannot be re-run, if it cannot.
std::optional<std::string> synthesis_refusal(const synthesis_row& row) {
  if (row.status == "running") return "The run is still going; its synthesis cannot be retried yet.";
  if (row.status == "completed") return "The run has already completed.";
  if (!row.metadata.is_object() || !row.stage1.is_array() || row.stage1.as_array().empty())
    return "The run did not finish its stages 1 and 2, so there is nothing to synthesise.";
  return std::nullopt;
}

struct positions_row {
  int last_position = 0;
  bool answered = false;
};
BOOST_DESCRIBE_STRUCT(positions_row, (), (last_position, answered))

}  // namespace

common::awaitable<outcome<run_start>> run_store::start(std::string run_id, std::string conversation_id,
                                                      std::string user_id, std::string question, start_limits limits) {
  auto tx = co_await db_.begin();
  pg::params owner{pg::uuid(conversation_id), pg::uuid(user_id)};
  pg::result found = co_await tx.query(lock_conversation_sql, std::move(owner));
  if (found.empty()) {
    co_await tx.commit();
    co_return council::fail(errc::conversation_not_found);
  }
  pg::params lock_key{pg::text(user_id)};
  co_await tx.query(lock_user_runs_sql, std::move(lock_key));
  pg::params who{pg::uuid(user_id), pg::float8(static_cast<double>(limits.running_window_seconds))};
  pg::result running = co_await tx.query(count_running_sql, std::move(who));
  if (pg::rows_as<running_row>(running).front().running >= limits.max_running) {
    co_await tx.commit();
    co_return council::fail(errc::too_many_runs);
  }
  pg::params conversation{pg::uuid(conversation_id)};
  pg::result state = co_await tx.query(positions_sql, std::move(conversation));
  positions_row positions = pg::rows_as<positions_row>(state).front();
  run_start out;
  int question_position = positions.last_position + 1;
  out.assistant_position = question_position + 1;
  out.first_answer = !positions.answered;
  pg::params earlier{pg::uuid(conversation_id), pg::int4(question_position)};
  pg::result rows = co_await tx.query(earlier_messages_sql, std::move(earlier));
  out.earlier = pg::rows_as<values::stored_message>(rows);
  pg::params message{pg::uuid(conversation_id), pg::int4(question_position), pg::text(std::move(question))};
  co_await tx.query(insert_question_sql, std::move(message));
  pg::params run{pg::uuid(std::move(run_id)), pg::uuid(std::move(conversation_id)), pg::uuid(std::move(user_id)),
                 pg::int4(out.assistant_position)};
  co_await tx.query(insert_run_sql, std::move(run));
  co_await tx.commit();
  co_return out;
}

common::awaitable<outcome<void>> run_store::finish(run_finish done) {
  try {
    // Moved in one by one: a braced list would copy each (long) stage text once more.
    pg::params p = pg::params_of(pg::uuid(done.conversation_id), pg::int4(done.assistant_position),
                                 pg::jsonb(std::move(done.stage1_json)), pg::jsonb(std::move(done.stage2_json)),
                                 pg::jsonb(std::move(done.stage3_json)), pg::jsonb(std::move(done.metadata_json)),
                                 pg::text(std::move(done.title)), pg::uuid(std::move(done.run_id)));
    co_await db_.query(finish_run_sql, std::move(p));
    co_return outcome<void>();
  } catch (const pg::error& e) {
    if (e.kind != pg::error_kind::foreign_key_violation) throw;
  }
  co_return council::fail(errc::conversation_deleted);
}

common::awaitable<void> run_store::fail(std::string run_id, std::string error) {
  pg::params p{pg::uuid(std::move(run_id)), pg::text(std::move(error))};
  co_await db_.query(fail_run_sql, std::move(p));
}

common::awaitable<void> run_store::end(run_end ended) {
  try {
    pg::params p{pg::uuid(std::move(ended.conversation_id)),
                 pg::int4(ended.assistant_position),
                 pg::jsonb(std::move(ended.stage1_json)),
                 pg::jsonb(std::move(ended.stage2_json)),
                 pg::jsonb(ended.metadata_json ? std::move(*ended.metadata_json) : std::string("null")),
                 pg::uuid(std::move(ended.run_id)),
                 pg::text(std::move(ended.status)),
                 pg::text(std::move(ended.error)),
                 pg::int4(ended.last_seq)};
    co_await db_.query(end_run_sql, std::move(p));
  } catch (const pg::error& e) {
    if (e.kind != pg::error_kind::foreign_key_violation) throw;
  }
}

common::awaitable<std::optional<std::string>> run_store::status(std::string run_id, std::string conversation_id,
                                                                std::string user_id) {
  pg::params p{pg::uuid(std::move(run_id)), pg::uuid(std::move(conversation_id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(status_sql, std::move(p));
  auto row = pg::first_row_as<status_row>(r);
  if (!row) co_return std::nullopt;
  co_return std::move(row->status);
}

common::awaitable<outcome<synthesis_start>> run_store::claim_synthesis(std::string run_id, std::string conversation_id,
                                                                       std::string user_id) {
  auto tx = co_await db_.begin();
  pg::params which{pg::uuid(run_id), pg::uuid(conversation_id), pg::uuid(std::move(user_id))};
  pg::result r = co_await tx.query(synthesis_source_sql, std::move(which));
  auto row = pg::first_row_as<synthesis_row>(r);
  std::optional<std::string> refusal = row ? synthesis_refusal(*row) : std::nullopt;
  if (!row || refusal) {
    co_await tx.commit();
    if (!row) co_return council::fail(errc::run_not_found);
    co_return council::fail(errc::synthesis_refused, std::move(*refusal));
  }
  pg::params rerun{pg::uuid(std::move(run_id)), pg::uuid(std::move(conversation_id)), pg::int4(row->assistant_position)};
  co_await tx.query(rerun_sql, std::move(rerun));
  co_await tx.commit();
  co_return synthesis_start{row->assistant_position, std::move(row->question), std::move(row->stage1),
                            std::move(row->stage2), std::move(row->metadata), row->last_seq};
}

common::awaitable<long long> run_store::fail_stale(long long older_than_seconds) {
  pg::params p{pg::float8(static_cast<double>(older_than_seconds))};
  pg::result r = co_await db_.query(fail_stale_sql, std::move(p));
  co_return pg::rows_as<running_row>(r).front().running;
}

common::awaitable<bool> run_store::fail_interrupted(std::string run_id) {
  pg::params p{pg::uuid(std::move(run_id))};
  pg::result r = co_await db_.query(fail_interrupted_sql, std::move(p));
  co_return pg::rows_as<running_row>(r).front().running == 1;
}

}  // namespace council::storage
