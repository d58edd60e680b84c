// import-legacy: arguments, the legacy schema check, the accounts step's mapping file, the report and counts file.
#include "council/cli/import_legacy.hpp"
#include "common/core/config.hpp"
#include "common/core/json_file.hpp"
#include "common/core/run_blocking.hpp"
#include "common/pg/legacy_schema.hpp"
#include "common/pg/pool.hpp"
#include "council/domain/legacy_import.hpp"
#include "council/settings.hpp"
#include <iostream>

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

/// The accounts step's file: whether it was a dry run, and legacy user id -> our id (nullopt in a dry run).
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

void print(const domain::legacy_import_report& r, bool dry_run) {
  std::cout << "legacy conversations: " << r.imported << (dry_run ? " to import" : " imported") << " (" << r.messages
            << " messages, " << r.ownerless << " ownerless: claim them with claim-legacy), " << r.already
            << " imported before, " << r.skipped << " skipped\n";
  for (const std::string& note : r.notes) std::cout << "  " << note << "\n";
}

common::awaitable<int> run(common::pg::pool& db, common::pg::pool& legacy, legacy_args a) {
  auto problem = co_await common::pg::legacy_schema_problem(legacy);
  if (problem) {
    std::cerr << *problem << "\n";
    co_return 1;
  }
  account_mapping mapping = read_mapping(a.accounts);
  domain::legacy_import_request request{std::move(mapping.users), load_models(), a.dry_run || mapping.dry_run};
  bool dry_run = request.dry_run;
  domain::legacy_import_report r = co_await domain::import_legacy_conversations(db, legacy, std::move(request));
  print(r, dry_run);
  json::object by_user;
  for (const auto& [user_id, n] : r.by_user) by_user[user_id] = n;
  json::object counts{{"conversations_imported", r.imported}, {"conversations_already", r.already},
                      {"conversations_skipped", r.skipped},   {"conversations_ownerless", r.ownerless},
                      {"messages_imported", r.messages}};
  json::object doc{{"dry_run", dry_run}, {"counts", std::move(counts)}, {"by_user", std::move(by_user)}};
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
  return common::run_blocking(io, run(db, legacy, a));
}

}  // namespace council::cli
