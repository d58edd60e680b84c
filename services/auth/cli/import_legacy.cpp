// import-legacy accounts | finish: arguments, the legacy connection, the report on stdout and the JSON files.
#include "auth/cli/import_legacy.hpp"
#include "auth/app.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/legacy_import.hpp"
#include "common/core/config.hpp"
#include "common/core/json_file.hpp"
#include "common/core/run_blocking.hpp"
#include "common/pg/legacy_schema.hpp"
#include <boost/json/value_to.hpp>
#include <iostream>

namespace auth::cli {
namespace {

using common::config::config_error;
namespace json = boost::json;

constexpr const char* usage =
    "import-legacy: usage: import-legacy accounts [--from <url>] [--dry-run] --out <file> | "
    "import-legacy finish --accounts <file> --conversations <file>";

struct legacy_args {
  std::string step;
  std::optional<std::string> from;
  bool dry_run = false;
  std::string out;
  std::string accounts;
  std::string conversations;
};

legacy_args parse(const std::vector<std::string>& args) {
  legacy_args a;
  if (args.empty()) throw config_error(usage);
  a.step = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    bool has_value = i + 1 < args.size();
    if (args[i] == "--dry-run") a.dry_run = true;
    else if (args[i] == "--from" && has_value) a.from = args[++i];
    else if (args[i] == "--out" && has_value) a.out = args[++i];
    else if (args[i] == "--accounts" && has_value) a.accounts = args[++i];
    else if (args[i] == "--conversations" && has_value) a.conversations = args[++i];
    else throw config_error(usage);
  }
  bool accounts_ok = a.step == "accounts" && !a.out.empty();
  bool finish_ok = a.step == "finish" && !a.accounts.empty() && !a.conversations.empty();
  if (!accounts_ok && !finish_ok) throw config_error(usage);
  return a;
}

std::optional<common::crypto::fernet_key> fernet_from_environment(bool required) {
  auto text = common::config::find("LEGACY_API_KEY_ENCRYPTION_KEY");
  if (!text) {
    if (!required) return std::nullopt;
    throw config_error("LEGACY_API_KEY_ENCRYPTION_KEY: required (the Python app's API_KEY_ENCRYPTION_KEY): the legacy "
                       "database holds stored keys");
  }
  auto key = common::crypto::parse_fernet_key(*text);
  if (!key) throw config_error("LEGACY_API_KEY_ENCRYPTION_KEY: is not a Fernet key (url-safe base64 of 32 bytes)");
  return key;
}

json::object counts_of(const domain::legacy_accounts_report& r) {
  return json::object{{"users_imported", r.users_imported}, {"users_already", r.users_already},
                      {"users_skipped", r.users_skipped},   {"users_without_password", r.users_without_password},
                      {"keys_imported", r.keys_imported},   {"keys_already", r.keys_already},
                      {"keys_skipped", r.keys_skipped}};
}

void print_accounts(const domain::legacy_accounts_report& r, bool dry_run) {
  const char* verb = dry_run ? "to import" : "imported";
  std::cout << "legacy users: " << r.users_imported << " " << verb << ", " << r.users_already
            << " imported before, " << r.users_skipped << " skipped";
  if (r.users_without_password > 0) std::cout << " (" << r.users_without_password << " must reset their password)";
  std::cout << "\nlegacy keys: " << r.keys_imported << " " << verb << ", " << r.keys_already << " imported before, "
            << r.keys_skipped << " skipped\n";
  for (const std::string& note : r.notes) std::cout << "  " << note << "\n";
}

common::awaitable<int> run_accounts(common::pg::pool& db, common::pg::pool& legacy, const domain::key_vault& vault,
                                    legacy_args a) {
  auto problem = co_await common::pg::legacy_schema_problem(legacy);
  if (problem) {
    std::cerr << *problem << "\n";
    co_return 1;
  }
  domain::legacy_accounts_request request;
  request.users = co_await storage::read_legacy_users(legacy);
  request.keys = co_await storage::read_legacy_keys(legacy);
  request.fernet = fernet_from_environment(!request.keys.empty());
  request.dry_run = a.dry_run;
  domain::key_services svc{db, vault};
  domain::legacy_accounts_report report = co_await domain::import_legacy_accounts(svc, std::move(request));
  print_accounts(report, a.dry_run);
  json::object users;
  for (const auto& [legacy_id, user_id] : report.user_ids)
    users[legacy_id] = user_id ? json::value(*user_id) : json::value(nullptr);
  json::object mapping{{"dry_run", a.dry_run}, {"users", std::move(users)}, {"counts", counts_of(report)}};
  common::write_json_file(a.out, mapping);
  co_return 0;
}

long long count_in(const json::value& doc, std::string_view name) {
  const json::value* v = doc.as_object().at("counts").as_object().if_contains(name);
  return v ? v->to_number<long long>() : 0;
}

/// Audit rows for the council step: one per owner with how many conversations they received, one summary.
common::awaitable<void> audit_conversations(common::pg::pool& db, json::value conversations) {
  domain::client_info importer{"", "auth-service import-legacy"};
  for (const auto& [user_id, n] : conversations.as_object().at("by_user").as_object()) {
    json::object details{{"step", "conversations"}, {"conversations", n}};
    domain::audit_entry e = domain::event(std::string(user_id), domain::audit_action::legacy_import, true, importer,
                                          std::move(details));
    co_await domain::record(db, std::move(e));
  }
  json::object summary = conversations.as_object().at("counts").as_object();
  summary["step"] = "conversations";
  domain::audit_entry e = domain::event(std::nullopt, domain::audit_action::legacy_import, true, importer,
                                        std::move(summary));
  co_await domain::record(db, std::move(e));
}

int run_finish(const legacy_args& a) {
  json::value accounts = common::read_json_file(a.accounts);
  json::value conversations = common::read_json_file(a.conversations);
  bool dry_run = accounts.as_object().at("dry_run").as_bool();
  long long users = count_in(accounts, "users_imported");
  long long keys = count_in(accounts, "keys_imported");
  long long convs = count_in(conversations, "conversations_imported");
  long long messages = count_in(conversations, "messages_imported");
  std::string what = std::to_string(users) + " user(s), " + std::to_string(keys) + " key(s) and " +
                     std::to_string(convs) + " conversation(s) (" + std::to_string(messages) + " messages)";
  if (dry_run) {
    std::cout << "Dry run: would import " << what << "; nothing was written.\n";
    return 0;
  }
  database_settings db_settings = load_database_settings();
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  common::run_blocking(io, audit_conversations(db, conversations));
  if (users + keys + convs == 0)
    std::cout << "Nothing to import: everything in the legacy database was imported before (or was skipped, "
                 "as reported above).\n";
  else
    std::cout << "Imported " << what << " from the legacy database.\n";
  return 0;
}

}  // namespace

int import_legacy(const std::vector<std::string>& args) {
  legacy_args a = parse(args);
  if (a.step == "finish") return run_finish(a);
  database_settings db_settings = load_database_settings();
  domain::key_vault vault(load_keks());
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  std::optional<std::string> legacy_url = a.from ? a.from : common::config::find("LEGACY_DATABASE_URL");
  common::pg::pool legacy(io.get_executor(), common::pg::legacy_connection(std::move(legacy_url)));
  return common::run_blocking(io, run_accounts(db, legacy, vault, a));
}

}  // namespace auth::cli
