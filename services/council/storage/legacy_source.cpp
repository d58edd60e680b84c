// SELECTs on the legacy tables conversations, messages, stage1_responses, stage2_rankings, stage3_synthesis.
// Stage rows keep insertion order (created_at, then physical order for rows written in the same instant).
#include "council/storage/legacy_source.hpp"
#include "common/pg/param.hpp"
#include "common/pg/rows.hpp"

namespace council::storage {
namespace {

constexpr std::string_view select_conversations =
    "SELECT id::text AS id, user_id::text AS user_id, coalesce(title, 'New Conversation') AS title, "
    "created_at::timestamptz AS created_at, models::text AS models, lead_model FROM public.conversations "
    "ORDER BY created_at, id";
constexpr std::string_view select_messages =
    "SELECT id::text AS id, role, content, created_at::timestamptz AS created_at FROM public.messages "
    "WHERE conversation_id = $1 ORDER BY message_order, created_at, ctid";
constexpr std::string_view select_stages =
    "SELECT message_id, stage, model, text, parsed_ranking FROM ("
    " SELECT s.message_id::text AS message_id, 1 AS stage, s.model, coalesce(s.response, '') AS text,"
    "  NULL::text AS parsed_ranking, s.created_at, s.ctid AS physical FROM public.stage1_responses s"
    "  JOIN public.messages m ON m.id = s.message_id WHERE m.conversation_id = $1"
    " UNION ALL"
    " SELECT s.message_id::text, 2, s.model, coalesce(s.ranking, ''), s.parsed_ranking::text, s.created_at, s.ctid"
    "  FROM public.stage2_rankings s JOIN public.messages m ON m.id = s.message_id WHERE m.conversation_id = $1"
    " UNION ALL"
    " SELECT s.message_id::text, 3, s.model, coalesce(s.response, ''), NULL, s.created_at, s.ctid"
    "  FROM public.stage3_synthesis s JOIN public.messages m ON m.id = s.message_id WHERE m.conversation_id = $1"
    ") rows ORDER BY stage, created_at, physical";

}  // namespace

common::awaitable<std::vector<legacy_conversation>> read_legacy_conversations(common::pg::pool& legacy) {
  common::pg::result r = co_await legacy.query(select_conversations);
  co_return common::pg::rows_as<legacy_conversation>(r);
}

common::awaitable<legacy_thread> read_legacy_thread(common::pg::pool& legacy, std::string id) {
  legacy_thread thread;
  common::pg::params for_messages{common::pg::uuid(id)};
  common::pg::result messages = co_await legacy.query(select_messages, std::move(for_messages));
  thread.messages = common::pg::rows_as<legacy_message>(messages);
  common::pg::params for_stages{common::pg::uuid(std::move(id))};
  common::pg::result stages = co_await legacy.query(select_stages, std::move(for_stages));
  thread.stages = common::pg::rows_as<legacy_stage_row>(stages);
  co_return thread;
}

}  // namespace council::storage
