// council-service entry: `serve` (default), `migrate`, `claim-legacy --email <e> | --user-id <uuid>`,
// `import-legacy ...`.
#include "council/app.hpp"
#include "council/cli/claim_legacy.hpp"
#include "council/cli/import_legacy.hpp"
#include "common/core/log.hpp"
#include "common/http/resolver.hpp"
#include "council/settings.hpp"
#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = args.empty() ? "serve" : args.front();
  if (!args.empty()) args.erase(args.begin());
  try {
    common::log::init("council-service", common::log::level_from_env());
    common::http::configure_dns(common::http::dns_settings_from_env());
    if (command == "serve" && args.empty()) return council::serve(council::load_settings());
    if (command == "migrate" && args.empty()) return council::migrate(council::load_database_settings());
    if (command == "claim-legacy") return council::cli::claim_legacy(args);
    if (command == "import-legacy") return council::cli::import_legacy(args);
    std::cerr << "council-service: usage: council-service [serve | migrate | claim-legacy --email <e> | claim-legacy --user-id <uuid> | import-legacy ...]\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "council-service: " << e.what() << "\n";
    return 2;
  }
}
