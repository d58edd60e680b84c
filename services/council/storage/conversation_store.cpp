// SQL for conversations and messages.
#include "council/storage/conversation_store.hpp"
#include "council/storage/sql_text.hpp"
#include "common/pg/error.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_to.hpp>

namespace council::storage {
namespace json = boost::json;

namespace {

constexpr const char* head_columns = "id, " COUNCIL_SQL_RFC3339("created_at") ", title, models::text, lead_model";

api::conversation_head head_of(const common::pg::result& r, int row) {
  api::conversation_head h;
  h.id = r.text(row, 0);
  h.created_at = r.text(row, 1);
  h.title = r.text(row, 2);
  h.models = json::value_to<std::vector<std::string>>(json::parse(r.text(row, 3)));
  h.lead_model = r.text(row, 4);
  return h;
}

}  // namespace

common::awaitable<std::vector<api::conversation_summary>> conversation_store::list(std::string user_id) {
  common::pg::params p{user_id};
  auto r = co_await db_.query(
      "SELECT c.id, " COUNCIL_SQL_RFC3339("c.created_at") ", c.title, "
      "(SELECT count(*) FROM council.messages m WHERE m.conversation_id = c.id) "
      "FROM council.conversations c WHERE c.user_id = $1 ORDER BY c.created_at DESC, c.id",
      std::move(p));
  std::vector<api::conversation_summary> out;
  out.reserve(static_cast<std::size_t>(r.size()));
  for (int i = 0; i < r.size(); ++i)
    out.push_back({std::string(r.text(i, 0)), std::string(r.text(i, 1)), std::string(r.text(i, 2)), r.integer(i, 3)});
  co_return out;
}

common::awaitable<outcome<api::conversation_head>> conversation_store::create(std::string user_id,
                                                                              std::vector<std::string> models,
                                                                              std::string lead_model) {
  std::string sql = std::string("INSERT INTO council.conversations (id, user_id, models, lead_model) "
                                "VALUES (gen_random_uuid(), $1, $2::jsonb, $3) RETURNING ") + head_columns;
  common::pg::params p{user_id, json::serialize(json::value_from(models)), lead_model};
  std::optional<common::pg::result> r;
  try {
    common::pg::result inserted = co_await db_.query(sql, std::move(p));
    r = std::move(inserted);
  } catch (const common::pg::error& e) {
    if (e.kind != common::pg::error_kind::foreign_key_violation) throw;
  }
  if (!r) co_return fail(errc::user_not_found);
  co_return head_of(*r, 0);
}

common::awaitable<std::optional<api::conversation_head>> conversation_store::find(std::string id, std::string user_id) {
  std::string sql = std::string("SELECT ") + head_columns + " FROM council.conversations WHERE id = $1 AND user_id = $2";
  common::pg::params p{id, user_id};
  auto r = co_await db_.query(sql, std::move(p));
  if (r.empty()) co_return std::nullopt;
  co_return head_of(r, 0);
}

common::awaitable<json::value> conversation_store::messages(std::string id) {
  common::pg::params p{id};
  auto r = co_await db_.query(
      "SELECT coalesce(json_agg(CASE WHEN role = 'user' "
      "THEN json_build_object('role', role, 'content', content) "
      "ELSE json_build_object('role', role, 'stage1', stage1, 'stage2', stage2, 'stage3', stage3, 'metadata', metadata) "
      "END ORDER BY position), '[]'::json)::text FROM council.messages WHERE conversation_id = $1",
      std::move(p));
  co_return json::parse(r.text(0, 0));
}

common::awaitable<bool> conversation_store::remove(std::string id, std::string user_id) {
  common::pg::params p{id, user_id};
  auto r = co_await db_.query("DELETE FROM council.conversations WHERE id = $1 AND user_id = $2", std::move(p));
  co_return r.affected() == 1;
}

common::awaitable<outcome<long long>> conversation_store::claim_legacy(std::string user_id) {
  common::pg::params p{user_id};
  std::optional<common::pg::result> r;
  try {
    common::pg::result updated = co_await db_.query("UPDATE council.conversations SET user_id = $1 WHERE user_id IS NULL",
                                                    std::move(p));
    r = std::move(updated);
  } catch (const common::pg::error& e) {
    if (e.kind != common::pg::error_kind::foreign_key_violation) throw;
  }
  if (!r) co_return fail(errc::user_not_found);
  co_return r->affected();
}

}  // namespace council::storage
