// import-legacy: arguments, the mapping file, conversion of each legacy conversation, the report and counts file.
#include "council/cli/import_legacy.hpp"
#include "common/core/config.hpp"
#include "common/core/json_file.hpp"
#include "common/pg/error.hpp"
#include "common/pg/legacy_schema.hpp"
#include "common/pg/pool.hpp"
#include "council/council/legacy_answer.hpp"
#include "council/run_blocking.hpp"
#include "council/settings.hpp"
#include "council/storage/legacy_ledger.hpp"
#include "council/storage/legacy_source.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <iostream>
#include <map>

namespace council::cli {
namespace {

using common::config::config_error;
namespace json = boost::json;

constexpr const char* usage =
    "import-legacy: usage: import-legacy [--from <url>] --accounts <file> [--dry-run] --out <file>";

struct legacy_args {
  std::optional<std::string> from;
  std::string accounts;
  std::string out;
  bool dry_run = false;
};

legacy_args parse(const std::vector<std::string>& args) {
  legacy_args a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool has_value = i + 1 < args.size();
    if (args[i] == "--dry-run") a.dry_run = true;
    else if (args[i] == "--from" && has_value) a.from = args[++i];
    else if (args[i] == "--accounts" && has_value) a.accounts = args[++i];
    else if (args[i] == "--out" && has_value) a.out = args[++i];
    else throw config_error(usage);
  }
  if (a.accounts.empty() || a.out.empty()) throw config_error(usage);
  return a;
}

/// Legacy user id -> our id (nullopt in a dry run) from the accounts step's file.
struct account_mapping {
  bool dry_run = false;
  std::map<std::string, std::optional<std::string>> users;
};

account_mapping read_mapping(const std::string& path) {
  json::value doc = common::read_json_file(path);
  const json::object* root = doc.if_object();
  const json::value* users = root ? root->if_contains("users") : nullptr;
  const json::value* dry_run = root ? root->if_contains("dry_run") : nullptr;
  if (!users || !users->is_object() || !dry_run || !dry_run->is_bool())
    throw config_error(path + ": is not the file written by auth-service import-legacy accounts");
  account_mapping m;
  m.dry_run = dry_run->as_bool();
  for (const auto& [legacy_id, user_id] : users->as_object())
    m.users.emplace(std::string(legacy_id),
                    user_id.is_string() ? std::optional<std::string>(std::string(user_id.as_string())) : std::nullopt);
  return m;
}

struct conversation_counts {
  long long imported = 0;
  long long already = 0;
  long long skipped = 0;
  long long ownerless = 0;
  long long messages = 0;
  std::map<std::string, long long> by_user;
  std::vector<std::string> notes;
};

std::vector<std::string> labels_of(const std::optional<std::string>& json_text) {
  std::vector<std::string> out;
  if (!json_text) return out;
  boost::system::error_code ec;
  json::value v = json::parse(*json_text, ec);
  if (ec || !v.is_array()) return out;
  for (const json::value& item : v.as_array())
    if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

/// The stage rows of message `id` as council values.
council::legacy_stages stages_of(const storage::legacy_thread& thread, const std::string& id) {
  council::legacy_stages s;
  for (const storage::legacy_stage_row& row : thread.stages) {
    if (row.message_id != id) continue;
    if (row.stage == 1) s.stage1.push_back({row.model, row.text});
    if (row.stage == 2) {
      std::optional<std::vector<std::string>> parsed;
      if (row.parsed_ranking && *row.parsed_ranking != "null") parsed = labels_of(row.parsed_ranking);
      s.stage2.push_back({row.model, row.text, std::move(parsed)});
    }
    if (row.stage == 3 && !s.stage3) s.stage3 = council::stage3_result{row.model, row.text};
  }
  return s;
}

/// The conversation to store, or the sentence saying why it cannot be.
std::optional<std::string> convert(const storage::legacy_conversation& c, const storage::legacy_thread& thread,
                                   const domain::model_catalog& catalog, storage::imported_conversation& out) {
  out.legacy_id = c.id;
  out.title = c.title;
  out.created_at = c.created_at;
  std::vector<std::string> models = labels_of(c.models);
  if (models.empty()) models = catalog.default_models;
  out.models_json = json::serialize(json::value_from(models));
  out.lead_model = c.lead_model.value_or(catalog.lead_model);
  for (const storage::legacy_message& m : thread.messages) {
    storage::imported_message stored;
    stored.role = m.role;
    stored.created_at = m.created_at;
    if (m.role == "user") {
      stored.content = m.content.value_or("");
    } else if (m.role == "assistant") {
      council::stored_answer answer = council::answer_from_legacy(stages_of(thread, m.id), out.lead_model);
      stored.stage1_json = std::move(answer.stage1_json);
      stored.stage2_json = std::move(answer.stage2_json);
      stored.stage3_json = std::move(answer.stage3_json);
      stored.metadata_json = std::move(answer.metadata_json);
    } else {
      return "message " + m.id + " has the unknown role '" + m.role + "'";
    }
    out.messages.push_back(std::move(stored));
  }
  return std::nullopt;
}

struct import_step {
  common::pg::pool& db;
  common::pg::pool& legacy;
  const account_mapping& mapping;
  const domain::model_catalog& catalog;
  bool dry_run;
  conversation_counts& counts;
};

common::awaitable<void> import_one(import_step step, const storage::legacy_conversation& c) {
  conversation_counts& counts = step.counts;
  std::optional<std::string> owner;
  if (c.user_id) {
    auto mapped = step.mapping.users.find(*c.user_id);
    if (mapped == step.mapping.users.end()) {
      ++counts.skipped;
      counts.notes.push_back("Conversation " + c.id + " belongs to legacy user " + *c.user_id +
                             ", who was not imported; it was skipped.");
      co_return;
    }
    owner = mapped->second;
  }
  storage::legacy_thread thread = co_await storage::read_legacy_thread(step.legacy, c.id);
  storage::imported_conversation converted;
  converted.user_id = owner;
  if (auto problem = convert(c, thread, step.catalog, converted)) {
    ++counts.skipped;
    counts.notes.push_back("Conversation " + c.id + " was skipped: " + *problem + ".");
    co_return;
  }
  long long messages = static_cast<long long>(converted.messages.size());
  if (!step.dry_run) {
    try {
      auto stored = co_await storage::insert_imported_conversation(step.db, std::move(converted));
      if (!stored) {
        ++counts.already;
        co_return;
      }
    } catch (const common::pg::error& e) {
      if (e.kind != common::pg::error_kind::foreign_key_violation) throw;
      ++counts.skipped;
      counts.notes.push_back("Conversation " + c.id + " was skipped: its owner's account no longer exists here.");
      co_return;
    }
  }
  ++counts.imported;
  counts.messages += messages;
  if (!c.user_id) ++counts.ownerless;
  else if (owner) ++counts.by_user[*owner];
}

common::awaitable<int> run(common::pg::pool& db, common::pg::pool& legacy, legacy_args a) {
  auto problem = co_await common::pg::legacy_schema_problem(legacy);
  if (problem) {
    std::cerr << *problem << "\n";
    co_return 1;
  }
  account_mapping mapping = read_mapping(a.accounts);
  domain::model_catalog catalog = load_models();
  bool dry_run = a.dry_run || mapping.dry_run;
  conversation_counts counts;
  std::set<std::string> earlier = co_await storage::imported_legacy_conversations(db);
  std::vector<storage::legacy_conversation> conversations = co_await storage::read_legacy_conversations(legacy);
  import_step step{db, legacy, mapping, catalog, dry_run, counts};
  for (const storage::legacy_conversation& c : conversations) {
    if (earlier.contains(c.id)) {
      ++counts.already;
      continue;
    }
    co_await import_one(step, c);
  }
  std::cout << "legacy conversations: " << counts.imported << (dry_run ? " to import" : " imported") << " ("
            << counts.messages << " messages, " << counts.ownerless << " ownerless: claim them with claim-legacy), "
            << counts.already << " imported before, " << counts.skipped << " skipped\n";
  for (const std::string& note : counts.notes) std::cout << "  " << note << "\n";
  json::object by_user;
  for (const auto& [user_id, n] : counts.by_user) by_user[user_id] = n;
  json::object counts_json{{"conversations_imported", counts.imported}, {"conversations_already", counts.already},
                           {"conversations_skipped", counts.skipped},   {"conversations_ownerless", counts.ownerless},
                           {"messages_imported", counts.messages}};
  json::object doc{{"dry_run", dry_run}, {"counts", std::move(counts_json)}, {"by_user", std::move(by_user)}};
  common::write_json_file(a.out, doc);
  co_return 0;
}

}  // namespace

int import_legacy(const std::vector<std::string>& args) {
  legacy_args a = parse(args);
  auto db_settings = load_database_settings();
  common::asio::io_context io(1);
  common::pg::pool_options ours;
  ours.conninfo = db_settings.url;
  ours.max_size = 1;
  common::pg::pool db(io.get_executor(), ours);
  std::optional<std::string> legacy_url = a.from ? a.from : common::config::find("LEGACY_DATABASE_URL");
  common::pg::pool legacy(io.get_executor(), common::pg::legacy_connection(std::move(legacy_url)));
  return run_blocking(io, run(db, legacy, a));
}

}  // namespace council::cli
