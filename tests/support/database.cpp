// Scratch databases on the throwaway cluster, bootstrapped with migrations/bootstrap.sql.
#include "support/database.hpp"
#include "common/core/uuid.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <stdexcept>

namespace test_support {
namespace {
std::string with_database(const std::string& url, const std::string& db) {
  auto slash = url.rfind('/');
  auto query = url.find('?', slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, slash + 1) + db + tail;
}
std::string psql_run(const std::string& url, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", url};
  argv.insert(argv.end(), args.begin(), args.end());
  auto [status, out] = run_command(argv);
  if (status != 0) throw std::runtime_error("psql failed: " + out);
  return out;
}
}  // namespace

scratch_database::scratch_database() {
  std::string id = common::random_uuid().substr(0, 8);
  name_ = "council_test_" + id;
  psql_run(admin_database_url(), {"-c", "CREATE DATABASE " + name_});
  psql_run(admin_url(), {"-f", source_dir() + "/migrations/bootstrap.sql"});
}

scratch_database::~scratch_database() {
  try {
    psql_run(admin_database_url(), {"-c", "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"});
  } catch (...) {
  }
}

std::string scratch_database::admin_url() const { return with_database(admin_database_url(), name_); }

std::string scratch_database::url_as(const std::string& role) const {
  std::string url = admin_url();
  auto scheme_end = url.find("://");
  auto at = url.find('@', scheme_end);
  return url.substr(0, scheme_end + 3) + role + url.substr(at);
}

std::string scratch_database::psql(const std::string& sql) const { return psql_run(admin_url(), {"-c", sql}); }

}  // namespace test_support
