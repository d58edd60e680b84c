// Conversations imported from the Python app: the ledger of legacy ids and the insert of one whole conversation.
#pragma once
#include "common/pg/pool.hpp"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace council::storage {

/// A message to store; user messages carry `content`, assistant messages the four JSON texts.
struct imported_message {
  std::string role;
  std::string content;
  std::string stage1_json;
  std::string stage2_json;
  std::string stage3_json;
  std::string metadata_json;
  std::string created_at;  // RFC 3339
};

/// A conversation to store with all its messages, oldest first.
struct imported_conversation {
  std::string legacy_id;
  std::optional<std::string> user_id;  // nullopt: ownerless, claimable with claim-legacy
  std::string title;
  std::string created_at;  // RFC 3339
  std::string models_json;
  std::string lead_model;
  std::vector<imported_message> messages;
};

/// Legacy ids of the conversations earlier runs imported.
common::awaitable<std::set<std::string>> imported_legacy_conversations(common::pg::pool& db);
/// In one transaction: the ledger row, the conversation (new id) and its messages at positions 1, 2, ...
/// Returns the new id; nullopt when the legacy id was imported meanwhile (nothing written). Throws
/// common::pg::error (foreign_key_violation) when `user_id` is not an account.
common::awaitable<std::optional<std::string>> insert_imported_conversation(common::pg::pool& db,
                                                                           imported_conversation conversation);

}  // namespace council::storage
