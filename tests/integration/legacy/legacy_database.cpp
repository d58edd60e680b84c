// The Python app's tables as its migrations left them, and inserts of its rows.
#include "integration/legacy/legacy_database.hpp"
#include "common/crypto/hash.hpp"
#include <crypt.h>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace legacy_test {
namespace {

constexpr const char* schema_sql = R"SQL(
CREATE TABLE schema_migrations (version int PRIMARY KEY, name text, applied_at timestamptz DEFAULT now());
CREATE TABLE users (
  id uuid PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, password_hash varchar(255),
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  oauth_provider varchar(20), credits integer DEFAULT 0);
CREATE TABLE user_api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider varchar(50) DEFAULT 'openrouter', encrypted_key text NOT NULL, key_hint varchar(20),
  key_version int DEFAULT 1, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(),
  UNIQUE (user_id, provider));
CREATE TABLE conversations (
  id uuid PRIMARY KEY, title varchar(255) NOT NULL DEFAULT 'New Conversation',
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz DEFAULT now(), models jsonb,
  lead_model text, user_id uuid REFERENCES users (id) ON DELETE CASCADE);
CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role varchar(20) NOT NULL, content text, message_order integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE stage1_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  model varchar(100) NOT NULL, response text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE stage2_rankings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  model varchar(100) NOT NULL, ranking text NOT NULL, parsed_ranking jsonb, created_at timestamptz NOT NULL);
CREATE TABLE stage3_synthesis (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(), message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  model varchar(100) NOT NULL, response text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE credit_transactions (id uuid PRIMARY KEY, user_id uuid, amount integer);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
)SQL";

// Stage rows share one instant: the importer must keep their insertion order.
constexpr const char* stage_instant = "'2024-03-01 12:00:00+00'";

}  // namespace

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += (c == '\'') ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string bcrypt(const std::string& password, const std::string& prefix) {
  std::string random = common::crypto::random_bytes(16);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn(prefix.c_str(), 4, random.data(), static_cast<int>(random.size()), setting, sizeof setting) == nullptr)
    throw std::runtime_error("crypt_gensalt_rn refused " + prefix);
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  const char* out = crypt_rn(password.c_str(), setting, data.get(), sizeof(crypt_data));
  if (out == nullptr || out[0] == '*') throw std::runtime_error("crypt_rn failed");
  return out;
}

legacy_database::legacy_database(int version) {
  db_.psql(schema_sql);
  for (int v = 1; v <= version; ++v)
    db_.psql("INSERT INTO schema_migrations (version, name) VALUES (" + std::to_string(v) + ", 'step')");
}

void legacy_database::add_user(const std::string& id, const std::string& email,
                               const std::optional<std::string>& password_hash) {
  db_.psql("INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES (" + quoted(id) + ", " +
           quoted(email) + ", " + (password_hash ? quoted(*password_hash) : "NULL") +
           ", '2023-05-06 07:08:09.123456+00', '2023-06-07 08:09:10+00')");
}

void legacy_database::add_key(const std::string& user_id, const std::string& token, const std::string& hint) {
  db_.psql("INSERT INTO user_api_keys (user_id, encrypted_key, key_hint) VALUES (" + quoted(user_id) + ", " +
           quoted(token) + ", " + quoted(hint) + ")");
}

void legacy_database::add_conversation(const std::string& id, const std::string& user_id, const std::string& title,
                                       const std::string& models_json, const std::string& lead_model) {
  db_.psql("INSERT INTO conversations (id, title, created_at, models, lead_model, user_id) VALUES (" + quoted(id) +
           ", " + quoted(title) + ", '2024-02-01 10:00:00+00', " + (models_json == "NULL" ? "NULL" : quoted(models_json)) +
           ", " + (lead_model == "NULL" ? "NULL" : quoted(lead_model)) + ", " + (user_id.empty() ? "NULL" : quoted(user_id)) +
           ")");
}

void legacy_database::add_question(const std::string& conversation_id, int order, const std::string& text) {
  db_.psql("INSERT INTO messages (conversation_id, role, content, message_order) VALUES (" + quoted(conversation_id) +
           ", 'user', " + quoted(text) + ", " + std::to_string(order) + ")");
}

std::string legacy_database::add_answer(const std::string& conversation_id, int order) {
  std::string number = std::to_string(++answers_);
  std::string id = "00000000-0000-4000-8000-" + std::string(12 - number.size(), '0') + number;
  db_.psql("INSERT INTO messages (id, conversation_id, role, message_order) VALUES (" + quoted(id) + ", " +
           quoted(conversation_id) + ", 'assistant', " + std::to_string(order) + ")");
  return id;
}

void legacy_database::add_stage1(const std::string& message_id, const std::string& model, const std::string& response) {
  db_.psql("INSERT INTO stage1_responses (message_id, model, response, created_at) VALUES (" + quoted(message_id) + ", " +
           quoted(model) + ", " + quoted(response) + ", " + stage_instant + ")");
}

void legacy_database::add_stage2(const std::string& message_id, const std::string& model, const std::string& ranking,
                                 const std::string& parsed_json) {
  db_.psql("INSERT INTO stage2_rankings (message_id, model, ranking, parsed_ranking, created_at) VALUES (" +
           quoted(message_id) + ", " + quoted(model) + ", " + quoted(ranking) + ", " +
           (parsed_json == "NULL" ? "NULL" : quoted(parsed_json)) + ", " + stage_instant + ")");
}

void legacy_database::add_stage3(const std::string& message_id, const std::string& model, const std::string& response) {
  db_.psql("INSERT INTO stage3_synthesis (message_id, model, response, created_at) VALUES (" + quoted(message_id) + ", " +
           quoted(model) + ", " + quoted(response) + ", " + stage_instant + ")");
}

}  // namespace legacy_test
