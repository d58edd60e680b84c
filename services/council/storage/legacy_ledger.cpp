// SQL of council.legacy_conversations and of an imported conversation's rows.
#include "council/storage/legacy_ledger.hpp"
#include "common/pg/param.hpp"
#include "common/pg/rows.hpp"
#include <boost/describe/class.hpp>

namespace council::storage {
namespace pg = common::pg;
namespace {

constexpr std::string_view select_imported = "SELECT legacy_id::text AS legacy_id FROM council.legacy_conversations";
constexpr std::string_view insert_ledger =
    "INSERT INTO council.legacy_conversations (legacy_id, conversation_id) VALUES ($1, gen_random_uuid()) "
    "ON CONFLICT (legacy_id) DO NOTHING RETURNING conversation_id::text AS id";
constexpr std::string_view insert_conversation =
    "INSERT INTO council.conversations (id, user_id, created_at, title, models, lead_model) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view insert_user_message =
    "INSERT INTO council.messages (conversation_id, position, role, content, created_at) "
    "VALUES ($1, $2, 'user', $3, $4)";
constexpr std::string_view insert_assistant_message =
    "INSERT INTO council.messages (conversation_id, position, role, stage1, stage2, stage3, metadata, created_at) "
    "VALUES ($1, $2, 'assistant', $3, $4, $5, $6, $7)";

struct legacy_id_row {
  std::string legacy_id;
};
BOOST_DESCRIBE_STRUCT(legacy_id_row, (), (legacy_id))

struct id_row {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(id_row, (), (id))

pg::params message_params(const std::string& conversation_id, int position, imported_message m) {
  // created_at goes untyped: the server reads the RFC 3339 text as timestamptz.
  if (m.role == "user")
    return pg::params{pg::uuid(conversation_id), pg::int4(position), pg::text(std::move(m.content)),
                      pg::param(std::move(m.created_at))};
  return pg::params{pg::uuid(conversation_id),        pg::int4(position),
                    pg::jsonb(std::move(m.stage1_json)), pg::jsonb(std::move(m.stage2_json)),
                    pg::jsonb(std::move(m.stage3_json)), pg::jsonb(std::move(m.metadata_json)),
                    pg::param(std::move(m.created_at))};
}

}  // namespace

common::awaitable<std::set<std::string>> imported_legacy_conversations(pg::pool& db) {
  pg::result r = co_await db.query(select_imported);
  std::set<std::string> out;
  for (legacy_id_row& row : pg::rows_as<legacy_id_row>(r)) out.insert(std::move(row.legacy_id));
  co_return out;
}

common::awaitable<std::optional<std::string>> insert_imported_conversation(pg::pool& db, imported_conversation c) {
  pg::transaction tx = co_await db.begin();
  pg::params ledger{pg::uuid(c.legacy_id)};
  pg::result claimed = co_await tx.query(insert_ledger, std::move(ledger));
  auto row = pg::first_row_as<id_row>(claimed);
  if (!row) {
    co_await tx.commit();
    co_return std::nullopt;
  }
  pg::params head{pg::uuid(row->id),           pg::uuid(std::move(c.user_id)), pg::param(std::move(c.created_at)),
                  pg::text(std::move(c.title)), pg::jsonb(std::move(c.models_json)), pg::text(std::move(c.lead_model))};
  co_await tx.query(insert_conversation, std::move(head));
  int position = 0;
  for (imported_message& m : c.messages) {
    bool is_user = m.role == "user";
    pg::params p = message_params(row->id, ++position, std::move(m));
    co_await tx.query(is_user ? insert_user_message : insert_assistant_message, std::move(p));
  }
  co_await tx.commit();
  co_return row->id;
}

}  // namespace council::storage
