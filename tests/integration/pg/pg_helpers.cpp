// Pool options for scratch databases and self-removing temporary directories for the pg tests.
#include "pg_helpers.hpp"
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace pg_test {

common::pg::pool_options options_for(const test_support::scratch_database& db, const std::string& role) {
  common::pg::pool_options options;
  options.conninfo = role.empty() ? db.admin_url() : db.url_as(role);
  options.max_size = 4;
  options.acquire_timeout = std::chrono::seconds(5);
  options.connect_timeout = std::chrono::seconds(5);
  options.query_timeout = std::chrono::seconds(20);
  return options;
}

temp_dir::temp_dir() {
  std::string pattern = "/tmp/pg-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void temp_dir::write(const std::string& name, const std::string& content) const {
  std::ofstream out(path_ + "/" + name, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + name);
}

}  // namespace pg_test
