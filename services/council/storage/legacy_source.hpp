// Reading conversations, messages and stage rows from the Python app's database (docs/legacy-import.md).
#pragma once
#include "common/pg/pool.hpp"
#include <boost/describe/class.hpp>
#include <optional>
#include <string>
#include <vector>

namespace council::storage {

/// One row of the legacy `conversations` table.
struct legacy_conversation {
  std::string id;
  std::optional<std::string> user_id;  // null: from before accounts existed
  std::string title;
  std::string created_at;                 // RFC 3339 UTC
  std::optional<std::string> models;      // JSON text of the model list; null means the defaults
  std::optional<std::string> lead_model;  // null means the default
};
BOOST_DESCRIBE_STRUCT(legacy_conversation, (), (id, user_id, title, created_at, models, lead_model))

/// One row of the legacy `messages` table.
struct legacy_message {
  std::string id;
  std::string role;
  std::optional<std::string> content;
  std::string created_at;
};
BOOST_DESCRIBE_STRUCT(legacy_message, (), (id, role, content, created_at))

/// One stage row: `text` is the response (stages 1 and 3) or the evaluation (stage 2).
struct legacy_stage_row {
  std::string message_id;
  int stage = 0;
  std::string model;
  std::string text;
  std::optional<std::string> parsed_ranking;  // JSON text (stage 2 only; null when nothing was parsed)
};
BOOST_DESCRIBE_STRUCT(legacy_stage_row, (), (message_id, stage, model, text, parsed_ranking))

/// A conversation's messages and every stage row of them.
struct legacy_thread {
  std::vector<legacy_message> messages;  // by message_order, ties by created_at
  std::vector<legacy_stage_row> stages;  // by stage, then insertion order
};

/// Every legacy conversation, oldest first.
common::awaitable<std::vector<legacy_conversation>> read_legacy_conversations(common::pg::pool& legacy);
/// The messages and stage rows of conversation `id`.
common::awaitable<legacy_thread> read_legacy_thread(common::pg::pool& legacy, std::string id);

}  // namespace council::storage
