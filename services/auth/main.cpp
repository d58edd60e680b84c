// auth-service entry point: `serve` (default), `migrate`, `rotate-keys`, `import-env-key EMAIL`,
// `import-legacy accounts|finish ...`, `invite create`, `admin grant|revoke EMAIL`, `reset-password EMAIL`,
// `audit prune`.
#include "auth/app.hpp"
#include "auth/cli/commands.hpp"
#include "auth/cli/import_legacy.hpp"
#include "common/core/log.hpp"
#include "common/http/resolver.hpp"
#include "auth/settings.hpp"
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* usage =
    "usage: auth-service [serve | migrate | rotate-keys | import-env-key EMAIL | import-legacy ...\n"
    "                     | invite create [--uses N] [--expires-in 7d] | admin grant|revoke EMAIL\n"
    "                     | reset-password EMAIL | audit prune]";

/// The value of `--email <e>` or `--email=<e>`, else the first argument after the command; empty when absent.
std::string email_argument(const std::vector<std::string>& args) {
  if (args.size() > 1 && !args[1].starts_with("--")) return args[1];
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--email" && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with("--email=")) return args[i].substr(8);
  }
  return {};
}

int run(const std::vector<std::string>& args) {
  std::string command = args.empty() ? "serve" : args[0];
  common::log::init("auth-service", common::log::level_from_env());
  common::http::configure_dns(common::http::dns_settings_from_env());
  if (command == "serve") return auth::serve(auth::load_settings());
  if (command == "migrate") return auth::cli::migrate();
  if (command == "rotate-keys") return auth::cli::rotate_keys();
  if (command == "import-legacy") return auth::cli::import_legacy(std::vector<std::string>(args.begin() + 1, args.end()));
  if (command == "import-env-key") {
    std::string email = email_argument(args);
    if (email.empty()) {
      std::cerr << "auth-service: import-env-key needs the user's email (import-env-key EMAIL)\n";
      return 2;
    }
    return auth::cli::import_env_key(email);
  }
  std::vector<std::string> rest(args.begin() + (args.empty() ? 0 : 1), args.end());
  if (command == "invite") return auth::cli::invite(rest);
  if (command == "admin") return auth::cli::admin(rest);
  if (command == "reset-password") return auth::cli::reset_password(rest);
  if (command == "audit") return auth::cli::audit(rest);
  std::cerr << "auth-service: unknown command '" << command << "'\n" << usage << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "auth-service: " << e.what() << "\n";
    return 2;
  }
}
