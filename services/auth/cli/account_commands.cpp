// invite create, admin grant|revoke, reset-password and audit prune: account operations run once on their own
// io_context.
#include "auth/app.hpp"
#include "auth/cli/commands.hpp"
#include "auth/domain/admin.hpp"
#include "auth/domain/audit.hpp"
#include "auth/domain/invites.hpp"
#include "auth/domain/password_resets.hpp"
#include "auth/domain/validation.hpp"
#include "auth/storage/users.hpp"
#include "common/core/config.hpp"
#include "common/core/run_blocking.hpp"
#include <charconv>
#include <iostream>

namespace auth::cli {
namespace {
using common::config::config_error;

/// A positive integer argument, e.g. `--uses 5`; throws config_error naming `name` otherwise.
long long positive_integer(std::string_view name, std::string_view text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || p != text.data() + text.size() || v <= 0)
    throw config_error(std::string(name) + ": must be a positive integer");
  return v;
}

/// `--expires-in` as seconds: a number followed by d, h or m, e.g. 7d, 12h, 30m.
long long lifetime_seconds(std::string_view text) {
  const std::string problem = "--expires-in: must be a number followed by d, h or m (1m to 365d), e.g. 7d";
  if (text.size() < 2) throw config_error(problem);
  char unit = text.back();
  long long scale = unit == 'd' ? 86400 : unit == 'h' ? 3600 : unit == 'm' ? 60 : 0;
  if (scale == 0) throw config_error(problem);
  long long count = 0;
  std::string_view digits = text.substr(0, text.size() - 1);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (ec != std::errc{} || p != digits.data() + digits.size() || count <= 0 ||
      count > domain::max_invite_lifetime / scale)
    throw config_error(problem);
  return count * scale;
}

/// The terms of `invite create [--uses N] [--expires-in 7d]`.
domain::invite_terms invite_terms_of(const std::vector<std::string>& options) {
  domain::invite_terms terms;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const std::string& option = options[i];
    if (option != "--uses" && option != "--expires-in") throw config_error("invite create: unknown option " + option);
    if (i + 1 >= options.size()) throw config_error(option + ": needs a value");
    const std::string& value = options[++i];
    if (option == "--uses") {
      long long uses = positive_integer(option, value);
      if (uses > domain::max_invite_uses) throw config_error("--uses: must be at most 1000");
      terms.uses = static_cast<int>(uses);
    } else {
      terms.lifetime_seconds = lifetime_seconds(value);
    }
  }
  return terms;
}

/// The trimmed, valid email argument; throws config_error otherwise.
std::string email_argument(const std::string& text) {
  std::string email = domain::trim(text);
  if (auto problem = domain::email_problem(email)) throw config_error(*problem);
  return email;
}

/// The audit client of a command: no address, the command as user agent.
domain::client_info command_client(std::string command) { return domain::client_info{"", "auth-service " + command}; }

/// Runs `task` against the database of the environment with the account settings.
template <typename Task>
int run_with_database(Task task) {
  database_settings db_settings = load_database_settings();
  account_settings accounts = load_account_settings();
  boost::asio::io_context io(1);
  common::pg::pool db(io.get_executor(), pool_options_of(db_settings));
  domain::admin_services svc{db, accounts};
  return common::run_blocking(io, task(svc));
}

common::awaitable<int> create_invite(domain::admin_services svc, domain::invite_terms terms) {
  auto client = command_client("invite create");
  std::optional<std::string> no_admin;
  api::invite_out invite = co_await domain::issue_invite(svc.db, terms, std::move(no_admin), std::move(client));
  std::cout << invite.code << "\n";
  co_return 0;
}

common::awaitable<int> change_admin(domain::admin_services svc, std::string email, bool admin) {
  auto client = command_client(admin ? "admin grant" : "admin revoke");
  auto changed = co_await domain::set_admin(svc, email, admin, std::move(client));
  if (!changed) {
    std::cerr << "auth-service: no user with email " << email << "\n";
    co_return 1;
  }
  std::cout << changed->email << (admin ? " is now an admin" : " is no longer an admin") << "\n";
  co_return 0;
}

common::awaitable<int> issue_reset(domain::admin_services svc, std::string email) {
  auto user = co_await storage::find_user_by_email(svc.db, email);
  if (!user) {
    std::cerr << "auth-service: no user with email " << email << "\n";
    co_return 1;
  }
  auto client = command_client("reset-password");
  std::optional<std::string> no_admin;
  auto link = co_await domain::issue_password_reset(svc, user->id, std::move(no_admin), std::move(client));
  if (!link) {
    std::cerr << "auth-service: no user with email " << email << "\n";
    co_return 1;
  }
  std::cout << link->link << "\n";
  co_return 0;
}

common::awaitable<int> prune_audit(domain::admin_services svc, int retention_days) {
  auto client = command_client("audit prune");
  long long deleted = co_await domain::prune_audit_log(svc.db, retention_days, std::move(client));
  std::cout << "deleted " << deleted << " audit event(s) older than " << retention_days << " days\n";
  co_return 0;
}

}  // namespace

int invite(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "create") throw config_error("invite: usage: invite create [--uses N] [--expires-in 7d]");
  std::vector<std::string> options(args.begin() + 1, args.end());
  domain::invite_terms terms = invite_terms_of(options);
  return run_with_database([terms](domain::admin_services svc) { return create_invite(svc, terms); });
}

int admin(const std::vector<std::string>& args) {
  if (args.size() != 2 || (args[0] != "grant" && args[0] != "revoke"))
    throw config_error("admin: usage: admin grant|revoke EMAIL");
  bool grant = args[0] == "grant";
  std::string email = email_argument(args[1]);
  return run_with_database([email, grant](domain::admin_services svc) { return change_admin(svc, email, grant); });
}

int audit(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] != "prune") throw config_error("audit: usage: audit prune");
  int retention_days = load_audit_retention_days();
  return run_with_database([retention_days](domain::admin_services svc) { return prune_audit(svc, retention_days); });
}

int reset_password(const std::vector<std::string>& args) {
  if (args.size() != 1) throw config_error("reset-password: usage: reset-password EMAIL");
  std::string email = email_argument(args[0]);
  return run_with_database([email](domain::admin_services svc) { return issue_reset(svc, email); });
}

}  // namespace auth::cli
