// Conversations and their messages in schema council (every SQL string about them lives here).
#pragma once
#include "council/api.hpp"
#include "council/errors.hpp"
#include "common/pg/pool.hpp"
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

namespace council::storage {

/// Reads and writes conversations; every query is scoped to the owning user.
class conversation_store {
public:
  explicit conversation_store(common::pg::pool& db) : db_(db) {}
  /// The user's conversations, newest first.
  common::awaitable<std::vector<api::conversation_summary>> list(std::string user_id);
  /// Creates an empty conversation owned by `user_id` with the models, lead model and settings of `wanted` (its id,
  /// created_at and title are assigned here); user_not_found when that account no longer exists.
  common::awaitable<outcome<api::conversation_head>> create(std::string user_id, api::conversation_head wanted);
  /// The conversation if it exists and belongs to `user_id`.
  common::awaitable<std::optional<api::conversation_head>> find(std::string id, std::string user_id);
  /// Its messages oldest first, in the Message shapes of proto/council.openapi.yaml (a JSON array).
  common::awaitable<boost::json::value> messages(std::string id);
  /// Every conversation of the user with its messages, oldest first (the data export).
  common::awaitable<std::vector<api::conversation_out>> export_all(std::string user_id);
  /// Deletes the conversation (and its messages and runs); false when absent or not the user's.
  common::awaitable<bool> remove(std::string id, std::string user_id);
  /// Gives every ownerless (legacy) conversation to `user_id`; returns how many; user_not_found when no
  /// account has that id.
  common::awaitable<outcome<long long>> claim_legacy(std::string user_id);

private:
  common::pg::pool& db_;
};

}  // namespace council::storage
