// The conversation step of the legacy import: mapping owners, converting messages and stages, storing each
// conversation with its ledger row.
#include "council/domain/legacy_import.hpp"
#include "common/pg/error.hpp"
#include "council/run/legacy_answer.hpp"
#include "council/storage/legacy_ledger.hpp"
#include "council/storage/legacy_source.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <set>

namespace council::domain {
namespace {
namespace json = boost::json;

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
run::legacy_stages stages_of(const storage::legacy_thread& thread, const std::string& id) {
  run::legacy_stages s;
  for (const storage::legacy_stage_row& row : thread.stages) {
    if (row.message_id != id) continue;
    if (row.stage == 1) s.stage1.push_back({row.model, row.text});
    if (row.stage == 2) {
      std::optional<std::vector<std::string>> parsed;
      if (row.parsed_ranking && *row.parsed_ranking != "null") parsed = labels_of(row.parsed_ranking);
      s.stage2.push_back({row.model, row.text, std::move(parsed)});
    }
    if (row.stage == 3 && !s.stage3) s.stage3 = values::stage3_result{row.model, row.text};
  }
  return s;
}

/// The conversation to store, or the sentence saying why it cannot be.
std::optional<std::string> convert(const storage::legacy_conversation& c, const storage::legacy_thread& thread,
                                   const values::model_catalog& catalog, storage::imported_conversation& out) {
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
      run::stored_answer answer = run::answer_from_legacy(stages_of(thread, m.id), out.lead_model);
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
  const legacy_import_request& request;
  legacy_import_report& report;
};

common::awaitable<void> import_one(import_step step, const storage::legacy_conversation& c) {
  legacy_import_report& counts = step.report;
  std::optional<std::string> owner;
  if (c.user_id) {
    auto mapped = step.request.user_ids.find(*c.user_id);
    if (mapped == step.request.user_ids.end()) {
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
  if (auto problem = convert(c, thread, step.request.catalog, converted)) {
    ++counts.skipped;
    counts.notes.push_back("Conversation " + c.id + " was skipped: " + *problem + ".");
    co_return;
  }
  long long messages = static_cast<long long>(converted.messages.size());
  if (!step.request.dry_run) {
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

}  // namespace

common::awaitable<legacy_import_report> import_legacy_conversations(common::pg::pool& db, common::pg::pool& legacy,
                                                                   legacy_import_request request) {
  legacy_import_report report;
  std::set<std::string> earlier = co_await storage::imported_legacy_conversations(db);
  std::vector<storage::legacy_conversation> conversations = co_await storage::read_legacy_conversations(legacy);
  import_step step{db, legacy, request, report};
  for (const storage::legacy_conversation& c : conversations) {
    if (earlier.contains(c.id)) {
      ++report.already;
      continue;
    }
    co_await import_one(step, c);
  }
  co_return report;
}

}  // namespace council::domain
