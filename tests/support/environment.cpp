// Reads what tests/run exported; a missing variable stops the run with a clear message.
#include "support/environment.hpp"
#include <cstdlib>
#include <stdexcept>

namespace test_support {
namespace {
std::string required(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0')
    throw std::runtime_error(std::string(name) + " is not set: run the tests through tests/run");
  return v;
}
}  // namespace

std::string admin_database_url() { return required("TEST_DATABASE_URL"); }
std::string certs_dir() { return required("TEST_CERTS_DIR"); }
std::string cert(const std::string& name) { return certs_dir() + "/" + name; }
std::string pg_dir() { return required("TEST_PG_DIR"); }
std::string source_dir() { return COUNCIL_SOURCE_DIR; }
std::string binary(const std::string& relative) { return std::string(COUNCIL_BINARY_DIR) + "/" + relative; }

std::string output_dir() {
  const char* v = std::getenv("TEST_OUTPUT_DIR");
  return v != nullptr && *v != '\0' ? std::string(v) : source_dir() + "/test-output";
}

void restart_postgres() {
  std::string cmd = "'" + source_dir() + "/tests/pg-cluster' restart '" + pg_dir() + "'";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("restarting PostgreSQL failed");
}

}  // namespace test_support
