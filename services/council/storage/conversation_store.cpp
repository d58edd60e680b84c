// SQL for conversations and messages.
#include "council/storage/conversation_store.hpp"
#include "common/pg/error.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

namespace council::storage {
namespace json = boost::json;
namespace pg = common::pg;

namespace {

constexpr std::string_view list_sql =
    "SELECT c.id, c.created_at, c.title, "
    "(SELECT count(*) FROM council.messages m WHERE m.conversation_id = c.id) AS message_count "
    "FROM council.conversations c WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id";
/// The columns of a conversation_head.
const std::string head_columns =
    "id, created_at, title, models, lead_model, system_prompt, temperature, max_tokens, exclude_self_votes";
const std::string create_sql =
    "INSERT INTO council.conversations (id, user_id, models, lead_model, system_prompt, temperature, max_tokens, "
    "exclude_self_votes) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7) RETURNING " + head_columns;
const std::string find_sql = "SELECT " + head_columns + " FROM council.conversations WHERE id = $1 AND user_id = $2";
/// A subquery: the USAGE of the run whose id is the SQL expression `run` (summed per model from council.run_usage),
/// NULL when no usage is recorded for it (legacy and imported answers, a run still going).
std::string run_usage_of(std::string_view run) {
  return "(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE json_build_object('prompt_tokens', sum(t.prompt_tokens), "
         "'completion_tokens', sum(t.completion_tokens), 'cost_usd', sum(t.cost_usd), 'by_model', json_object_agg(t.model, "
         "json_build_object('prompt_tokens', t.prompt_tokens, 'completion_tokens', t.completion_tokens, 'cost_usd', "
         "t.cost_usd))) END "
         "FROM (SELECT u.model, sum(u.prompt_tokens) AS prompt_tokens, sum(u.completion_tokens) AS completion_tokens, "
         "sum(u.cost_usd) AS cost_usd FROM council.run_usage u WHERE u.run_id = " + std::string(run) +
         " GROUP BY u.model) t)";
}
/// The Message shape of a council.messages row (run_id, status, and error when failed, after the stages; then usage).
const std::string stored_message_json =
    "CASE WHEN role = 'user' THEN json_build_object('role', role, 'content', content) "
    "WHEN status = 'failed' THEN json_build_object('role', role, 'stage1', stage1, 'stage2', stage2, 'stage3', stage3, "
    "'metadata', metadata, 'run_id', run_id, 'status', status, 'error', error, 'usage', " + run_usage_of("messages.run_id") + ") "
    "ELSE json_build_object('role', role, 'stage1', stage1, 'stage2', stage2, 'stage3', stage3, 'metadata', metadata, "
    "'run_id', run_id, 'status', status, 'usage', " + run_usage_of("messages.run_id") + ") END";
/// The `data` of the first `type` event of the run whose id is the SQL expression `run`, or [] when none yet.
std::string event_data(std::string_view run, std::string_view type) {
  return "coalesce((SELECT e.payload::json -> 'data' FROM council.run_events e WHERE e.run_id = " + std::string(run) +
         " AND e.payload::jsonb ->> 'type' = '" + std::string(type) + "' ORDER BY e.seq LIMIT 1), '[]'::json)";
}
/// Runs of the conversation `id` still going whose answer is not stored yet, right after their question, as running
/// assistant messages with the stages they finished so far (from their events).
std::string running_messages_of(std::string_view id) {
  return "SELECT r.assistant_position AS position, json_build_object('role', 'assistant', 'stage1', " +
         event_data("r.id", "stage1_complete") + ", 'stage2', " + event_data("r.id", "stage2_complete") +
         ", 'stage3', NULL, 'metadata', NULL, 'run_id', r.id, 'status', 'running', 'usage', " + run_usage_of("r.id") +
         ") AS message "
         "FROM council.runs r WHERE r.conversation_id = " + std::string(id) + " AND r.status = 'running' "
         "AND NOT EXISTS (SELECT 1 FROM council.messages a WHERE a.conversation_id = r.conversation_id "
         "AND a.position = r.assistant_position) "
         "AND EXISTS (SELECT 1 FROM council.messages q WHERE q.conversation_id = r.conversation_id "
         "AND q.position = r.assistant_position - 1 AND q.role = 'user')";
}
/// A subquery: the JSON array of the messages of the conversation whose id is the SQL expression `id`, oldest
/// first, in the Message shapes; with `running`, runs still going are shown as running assistant messages.
std::string messages_of(std::string_view id, bool running) {
  std::string rows = "SELECT position, " + stored_message_json +
                     " AS message FROM council.messages WHERE conversation_id = " + std::string(id);
  if (running) rows += " UNION ALL " + running_messages_of(id);
  return "(SELECT coalesce(json_agg(message ORDER BY position), '[]'::json) FROM (" + rows + ") AS shown)";
}
const std::string messages_sql = "SELECT " + messages_of("$1", true) + " AS messages";
const std::string export_sql = "SELECT " + head_columns + ", " + messages_of("c.id", false) +
                               " AS messages FROM council.conversations c WHERE c.user_id = $1 ORDER BY c.created_at, c.id";
constexpr std::string_view remove_sql = "DELETE FROM council.conversations WHERE id = $1 AND user_id = $2";
constexpr std::string_view claim_legacy_sql = "UPDATE council.conversations SET user_id = $1 WHERE user_id IS NULL";

/// A conversations row as read (models is the jsonb list).
struct head_row {
  std::string id;
  std::string created_at;
  std::string title;
  json::value models;
  std::string lead_model;
  std::optional<std::string> system_prompt;
  std::optional<double> temperature;
  std::optional<long long> max_tokens;
  bool exclude_self_votes = false;
};
BOOST_DESCRIBE_STRUCT(head_row, (),
                      (id, created_at, title, models, lead_model, system_prompt, temperature, max_tokens, exclude_self_votes))

/// The messages of one conversation as one JSON array.
struct messages_row {
  json::value messages;
};
BOOST_DESCRIBE_STRUCT(messages_row, (), (messages))

api::conversation_head head_of(head_row row) {
  return api::conversation_head{std::move(row.id),
                                std::move(row.created_at),
                                std::move(row.title),
                                json::value_to<std::vector<std::string>>(row.models),
                                std::move(row.lead_model),
                                std::move(row.system_prompt),
                                row.temperature,
                                row.max_tokens,
                                row.exclude_self_votes};
}

}  // namespace

common::awaitable<std::vector<api::conversation_summary>> conversation_store::list(std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(list_sql, std::move(p));
  co_return pg::rows_as<api::conversation_summary>(r);
}

common::awaitable<outcome<api::conversation_head>> conversation_store::create(std::string user_id,
                                                                              api::conversation_head wanted) {
  pg::params p{pg::uuid(std::move(user_id)),
               pg::jsonb(json::serialize(json::value_from(wanted.models))),
               pg::text(std::move(wanted.lead_model)),
               pg::text(std::move(wanted.system_prompt)),
               pg::float8(wanted.temperature),
               pg::int8(wanted.max_tokens),
               pg::boolean(wanted.exclude_self_votes)};
  std::optional<pg::result> r;
  try {
    pg::result inserted = co_await db_.query(create_sql, std::move(p));
    r = std::move(inserted);
  } catch (const pg::error& e) {
    if (e.kind != pg::error_kind::foreign_key_violation) throw;
  }
  if (!r) co_return fail(errc::user_not_found);
  co_return head_of(std::move(pg::rows_as<head_row>(*r).front()));
}

common::awaitable<std::optional<api::conversation_head>> conversation_store::find(std::string id, std::string user_id) {
  pg::params p{pg::uuid(std::move(id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(find_sql, std::move(p));
  auto row = pg::first_row_as<head_row>(r);
  if (!row) co_return std::nullopt;
  co_return head_of(std::move(*row));
}

common::awaitable<json::value> conversation_store::messages(std::string id) {
  pg::params p{pg::uuid(std::move(id))};
  pg::result r = co_await db_.query(messages_sql, std::move(p));
  co_return std::move(pg::rows_as<messages_row>(r).front().messages);
}

common::awaitable<std::vector<api::conversation_out>> conversation_store::export_all(std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(export_sql, std::move(p));
  std::vector<api::conversation_out> out;
  std::vector<head_row> heads = pg::rows_as<head_row>(r);
  std::vector<messages_row> messages = pg::rows_as<messages_row>(r);
  for (std::size_t i = 0; i < heads.size(); ++i) {
    api::conversation_out c;
    static_cast<api::conversation_head&>(c) = head_of(std::move(heads[i]));
    c.messages = std::move(messages[i].messages);
    out.push_back(std::move(c));
  }
  co_return out;
}

common::awaitable<bool> conversation_store::remove(std::string id, std::string user_id) {
  pg::params p{pg::uuid(std::move(id)), pg::uuid(std::move(user_id))};
  pg::result r = co_await db_.query(remove_sql, std::move(p));
  co_return r.affected() == 1;
}

common::awaitable<outcome<long long>> conversation_store::claim_legacy(std::string user_id) {
  pg::params p{pg::uuid(std::move(user_id))};
  std::optional<pg::result> r;
  try {
    pg::result updated = co_await db_.query(claim_legacy_sql, std::move(p));
    r = std::move(updated);
  } catch (const pg::error& e) {
    if (e.kind != pg::error_kind::foreign_key_violation) throw;
  }
  if (!r) co_return fail(errc::user_not_found);
  co_return r->affected();
}

}  // namespace council::storage
