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
    "EXISTS (SELECT 1 FROM council.messages WHERE conversation_id = $1 AND role = 'assistant') AS answered";
constexpr std::string_view earlier_messages_sql =
    "SELECT role, CASE WHEN role = 'user' THEN content ELSE coalesce(stage3->>'response', '') END AS text "
    "FROM council.messages WHERE conversation_id = $1 AND position < $2 ORDER BY position";
constexpr std::string_view insert_question_sql =
    "INSERT INTO council.messages (conversation_id, position, role, content) VALUES ($1, $2, 'user', $3)";
constexpr std::string_view insert_run_sql =
    "INSERT INTO council.runs (id, conversation_id, user_id, assistant_position) VALUES ($1, $2, $3, $4)";
// The answer, the title (when $7 is not NULL) and the run's completion in one statement: one round trip, and
// atomic like the transaction it replaces (a deleted conversation fails the INSERT's foreign key).
constexpr std::string_view finish_run_sql =
    "WITH answer AS (INSERT INTO council.messages (conversation_id, position, role, stage1, stage2, stage3, metadata) "
    "VALUES ($1, $2, 'assistant', $3, $4, $5, $6)), "
    "titled AS (UPDATE council.conversations SET title = $7 WHERE id = $1 AND $7 IS NOT NULL), "
    "completed AS (UPDATE council.runs SET status = 'completed', finished_at = now() WHERE id = $8) "
    "SELECT 1";
constexpr std::string_view fail_run_sql =
    "UPDATE council.runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1";
constexpr std::string_view fail_stale_sql =
    "UPDATE council.runs SET status = 'failed', finished_at = now(), error = 'interrupted: the service stopped' "
    "WHERE status = 'running' AND started_at < now() - make_interval(secs => $1)";
constexpr std::string_view fail_interrupted_sql =
    "UPDATE council.runs SET status = 'failed', finished_at = now(), error = 'interrupted: the service stopped' "
    "WHERE id = $1 AND status = 'running'";

struct running_row {
  long long running = 0;
};
BOOST_DESCRIBE_STRUCT(running_row, (), (running))

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
    pg::params p{pg::uuid(done.conversation_id),
                 pg::int4(done.assistant_position),
                 pg::jsonb(std::move(done.stage1_json)),
                 pg::jsonb(std::move(done.stage2_json)),
                 pg::jsonb(std::move(done.stage3_json)),
                 pg::jsonb(std::move(done.metadata_json)),
                 pg::text(std::move(done.title)),
                 pg::uuid(std::move(done.run_id))};
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

common::awaitable<long long> run_store::fail_stale(long long older_than_seconds) {
  pg::params p{pg::float8(static_cast<double>(older_than_seconds))};
  pg::result r = co_await db_.query(fail_stale_sql, std::move(p));
  co_return r.affected();
}

common::awaitable<bool> run_store::fail_interrupted(std::string run_id) {
  pg::params p{pg::uuid(std::move(run_id))};
  pg::result r = co_await db_.query(fail_interrupted_sql, std::move(p));
  co_return r.affected() == 1;
}

}  // namespace council::storage
