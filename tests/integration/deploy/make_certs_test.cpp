// deploy/local/make-certs: leaf lifetimes, renewal of leaves that expire soon (same CA, said on its output), and
// nothing touched when every certificate is far from expiry.
#include "support/environment.hpp"
#include "support/process.hpp"
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct scratch {
  std::string path;
  scratch() {
    std::string pattern = (fs::temp_directory_path() / "make-certs.XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::pair<int, std::string> make_certs(const std::string& dir, std::vector<std::string> args = {},
                                       std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), {test_support::source_dir() + "/deploy/local/make-certs", dir});
  return test_support::run_command(std::move(args), std::move(env));
}

/// True when the certificate file stays valid for `days` more days.
bool valid_for(const std::string& file, int days) {
  return test_support::run_command({"/usr/bin/openssl", "x509", "-in", file, "-noout", "-checkend", std::to_string(days * 86400)})
             .first == 0;
}

std::string contents(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::vector<std::string> leaves = {"auth-internal", "upstream", "council-client", "intruder-client", "foreign-client"};

}  // namespace

TEST_CASE("make-certs issues leaves for 90 days and CAs for 10 years", "[deploy][certs]") {
  scratch dir;
  auto [status, output] = make_certs(dir.path);
  INFO(output);
  REQUIRE(status == 0);
  for (const auto& leaf : leaves) {
    CHECK(valid_for(dir.path + "/" + leaf + ".crt", 89));
    CHECK_FALSE(valid_for(dir.path + "/" + leaf + ".crt", 91));
  }
  CHECK(valid_for(dir.path + "/ca.crt", 3600));
}

TEST_CASE("make-certs --renew-within reissues the leaves that expire soon from the same CA and says so",
          "[deploy][certs]") {
  scratch dir;
  REQUIRE(make_certs(dir.path, {}, {{"LEAF_DAYS", "5"}}).first == 0);
  const std::string ca = contents(dir.path + "/ca.crt");
  const std::string old_key = contents(dir.path + "/auth-internal.key");
  REQUIRE_FALSE(valid_for(dir.path + "/auth-internal.crt", 10));

  auto [status, output] = make_certs(dir.path, {"--renew-within", "10"});
  INFO(output);
  REQUIRE(status == 0);
  for (const auto& leaf : leaves) {
    CHECK_THAT(output, Catch::Contains("renewed " + leaf + ".crt"));
    CHECK(valid_for(dir.path + "/" + leaf + ".crt", 80));
  }
  CHECK(contents(dir.path + "/ca.crt") == ca);
  CHECK(contents(dir.path + "/auth-internal.key") != old_key);
  auto verified = test_support::run_command({"/usr/bin/openssl", "verify", "-CAfile", dir.path + "/ca.crt",
                                             dir.path + "/auth-internal.crt", dir.path + "/council-client.crt"});
  INFO(verified.second);
  CHECK(verified.first == 0);

  const std::string renewed = contents(dir.path + "/council-client.crt");
  auto again = make_certs(dir.path, {"--renew-within", "10"});
  CHECK(again.first == 0);
  CHECK(again.second.empty());
  CHECK(contents(dir.path + "/council-client.crt") == renewed);
}

TEST_CASE("make-certs refuses a renewal window that is not a number of days", "[deploy][certs]") {
  scratch dir;
  auto [status, output] = make_certs(dir.path, {"--renew-within", "soon"});
  CHECK(status == 2);
  CHECK_THAT(output, Catch::Contains("whole days"));
}
