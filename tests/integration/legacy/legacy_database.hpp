// A database of the Python app for the import tests: its schema (the multi-user release plus later columns, as in
// docs/legacy-import.md) made on a scratch database, rows added with real bcrypt hashes and Fernet tokens.
#pragma once
#include "support/database.hpp"
#include <optional>
#include <string>
#include <vector>

namespace legacy_test {

/// The Python app's database.
class legacy_database {
public:
  /// Creates the complete schema at schema version `version`.
  explicit legacy_database(int version = 13);

  /// Admin URL (the importer connects as the table owner).
  std::string url() const { return db_.admin_url(); }
  /// Runs SQL as the admin.
  std::string psql(const std::string& sql) const { return db_.psql(sql); }

  /// Inserts a user; `password_hash` nullopt for an account made by Google/GitHub sign-in.
  void add_user(const std::string& id, const std::string& email, const std::optional<std::string>& password_hash);
  /// Inserts a stored key: `token` is its Fernet token, `hint` its key_hint.
  void add_key(const std::string& user_id, const std::string& token, const std::string& hint);
  /// Inserts a conversation (`models_json` and `lead_model` "NULL" for the defaults; `user_id` empty: ownerless).
  void add_conversation(const std::string& id, const std::string& user_id, const std::string& title,
                        const std::string& models_json, const std::string& lead_model);
  /// Inserts a user message at `order`.
  void add_question(const std::string& conversation_id, int order, const std::string& text);
  /// Inserts an assistant message at `order`; returns its id.
  std::string add_answer(const std::string& conversation_id, int order);
  /// Inserts stage rows of `message_id`, all with the same created_at (so only insertion order tells them apart).
  void add_stage1(const std::string& message_id, const std::string& model, const std::string& response);
  /// `parsed_json` is the parsed_ranking column's JSON, or "NULL".
  void add_stage2(const std::string& message_id, const std::string& model, const std::string& ranking,
                  const std::string& parsed_json);
  void add_stage3(const std::string& message_id, const std::string& model, const std::string& response);

private:
  test_support::scratch_database db_;
  int answers_ = 0;
};

/// A bcrypt hash of `password` made by libxcrypt with `prefix` ("$2b$" or "$2a$") at cost 4.
std::string bcrypt(const std::string& password, const std::string& prefix);
/// SQL string literal of `text`.
std::string quoted(const std::string& text);

}  // namespace legacy_test
