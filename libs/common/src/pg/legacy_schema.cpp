// The legacy tables and columns, compared with pg_catalog (independent of column privileges and row security).
#include "common/pg/legacy_schema.hpp"
#include "common/core/config.hpp"
#include <cstdlib>
#include <map>
#include <set>
#include <vector>

namespace common::pg {
namespace {

struct required_table {
  const char* name;
  std::vector<const char*> columns;
};

const std::vector<required_table>& required_tables() {
  static const std::vector<required_table> tables = {
      {"schema_migrations", {"version"}},
      {"users", {"id", "email", "password_hash", "created_at", "updated_at"}},
      {"user_api_keys", {"id", "user_id", "provider", "encrypted_key", "key_hint"}},
      {"conversations", {"id", "user_id", "title", "created_at", "models", "lead_model"}},
      {"messages", {"id", "conversation_id", "role", "content", "message_order", "created_at"}},
      {"stage1_responses", {"id", "message_id", "model", "response", "created_at"}},
      {"stage2_rankings", {"id", "message_id", "model", "ranking", "parsed_ranking", "created_at"}},
      {"stage3_synthesis", {"id", "message_id", "model", "response", "created_at"}},
  };
  return tables;
}

constexpr std::string_view columns_sql =
    "SELECT c.relname, a.attname FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v')";
constexpr std::string_view version_sql = "SELECT max(version)::bigint FROM public.schema_migrations";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string plural(std::size_t n, const char* word) { return std::string(word) + (n == 1 ? " " : "s "); }

}  // namespace

pool_options legacy_connection(std::optional<std::string> url) {
  if (!url || url->empty())
    throw config::config_error("LEGACY_DATABASE_URL: required (or --from <postgresql URL of the Python app's database>)");
  ::setenv("PGTZ", "UTC", 1);
  pool_options o;
  o.conninfo = std::move(*url);
  o.max_size = 1;
  o.query_timeout = std::chrono::minutes(10);
  return o;
}

awaitable<std::optional<std::string>> legacy_schema_problem(pool& legacy) {
  result r = co_await legacy.query(columns_sql);
  std::map<std::string, std::set<std::string>> present;
  for (int i = 0; i < r.size(); ++i) present[std::string(r.text(i, 0))].insert(std::string(r.text(i, 1)));
  std::vector<std::string> tables;
  std::vector<std::string> columns;
  for (const required_table& t : required_tables()) {
    auto found = present.find(t.name);
    if (found == present.end()) {
      tables.emplace_back(t.name);
      continue;
    }
    for (const char* c : t.columns)
      if (!found->second.contains(c)) columns.push_back(std::string(t.name) + "." + c);
  }
  if (!tables.empty() || !columns.empty()) {
    std::string what;
    if (!tables.empty()) what = plural(tables.size(), "table") + joined(tables);
    if (!columns.empty()) what += (what.empty() ? "" : " and ") + plural(columns.size(), "column") + joined(columns);
    co_return "The legacy database lacks " + what + " of the Python app's schema; nothing was imported.";
  }
  result v = co_await legacy.query(version_sql);
  if (v.is_null(0, 0)) co_return std::string("The legacy database's schema_migrations table is empty, so its schema "
                                             "version is unknown; nothing was imported.");
  long long version = v.integer(0, 0);
  if (version < legacy_min_version || version > legacy_max_version)
    co_return "The legacy database is at schema version " + std::to_string(version) +
        ", which this importer does not know (it reads versions " + std::to_string(legacy_min_version) + " to " +
        std::to_string(legacy_max_version) + "); nothing was imported.";
  co_return std::nullopt;
}

}  // namespace common::pg
