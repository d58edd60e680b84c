// claim-legacy: argument parsing, optional admin lookup of the email, the UPDATE as council_service.
#include "council/cli/claim_legacy.hpp"
#include "common/core/config.hpp"
#include "common/core/run_blocking.hpp"
#include "common/core/uuid.hpp"
#include "common/pg/pool.hpp"
#include "council/settings.hpp"
#include "council/storage/conversation_store.hpp"
#include "council/storage/user_directory.hpp"
#include <iostream>

namespace council::cli {
namespace {

using common::config::config_error;

struct claim_args {
  std::string user_id;
  std::string email;
};

claim_args parse(const std::vector<std::string>& args) {
  claim_args out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    bool has_value = i + 1 < args.size();
    if (args[i] == "--user-id" && has_value) out.user_id = args[++i];
    else if (args[i] == "--email" && has_value) out.email = args[++i];
    else throw config_error("claim-legacy: usage: claim-legacy --email <email> | --user-id <uuid>");
  }
  if (out.user_id.empty() == out.email.empty())
    throw config_error("claim-legacy: give exactly one of --email <email> or --user-id <uuid>");
  if (!out.user_id.empty() && !common::is_uuid(out.user_id)) throw config_error("claim-legacy: --user-id is not a UUID");
  return out;
}

common::pg::pool_options single(std::string url) {
  common::pg::pool_options o;
  o.conninfo = std::move(url);
  o.max_size = 1;
  return o;
}

}  // namespace

int claim_legacy(const std::vector<std::string>& args) {
  claim_args a = parse(args);
  auto db_settings = load_database_settings();
  common::asio::io_context io(1);
  std::string user_id = a.user_id;
  if (!a.email.empty()) {
    auto admin_url = common::config::find("DATABASE_ADMIN_URL");
    if (!admin_url)
      throw config_error("DATABASE_ADMIN_URL: required by claim-legacy --email (the council role cannot read auth.users); "
                         "or use --user-id <uuid>");
    common::pg::pool admin(io.get_executor(), single(*admin_url));
    auto found = common::run_blocking(io, storage::find_user_id_by_email(admin, a.email));
    if (!found) {
      std::cerr << "council-service: no account with email " << a.email << "\n";
      return 1;
    }
    user_id = *found;
  }
  common::pg::pool db(io.get_executor(), single(db_settings.url));
  storage::conversation_store conversations(db);
  outcome<long long> claimed = common::run_blocking(io, conversations.claim_legacy(user_id));
  if (!claimed) {
    std::cerr << "council-service: no account with id " << user_id << "\n";
    return 1;
  }
  std::cout << "claimed " << *claimed << " legacy conversation(s) for user " << user_id << "\n";
  return 0;
}

}  // namespace council::cli
