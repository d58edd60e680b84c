// deploy/local/cli against a state directory laid out like deploy/local/up's (COUNCIL_STATE_DIR): stack.env
// pointing at a scratch database, the test certificates and a fake provider; both services' tools run with
// the stack's settings and nothing assembled by hand.
#include "common/core/uuid.hpp"
#include "integration/auth/auth_fixture.hpp"
#include "integration/auth/fake_provider.hpp"
#include "support/environment.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using auth_test::field;
using auth_test::json_of;

namespace {

/// A temporary state directory holding a stack.env like deploy/local/up writes; removed on destruction.
struct state_dir {
  std::string path = (fs::temp_directory_path() / ("local-cli-" + common::random_uuid().substr(0, 8))).string();
  state_dir() { fs::create_directories(path); }
  ~state_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::map<std::string, std::string>& values) const {
    std::ofstream out(path + "/stack.env");
    for (const auto& [name, value] : values) out << name << "=" << value << "\n";
  }
};

/// Runs deploy/local/cli ARGS... against `state` with `extra` in the environment.
std::pair<int, std::string> local_cli(const state_dir& state, std::vector<std::string> args,
                                      std::map<std::string, std::string> extra = {}) {
  args.insert(args.begin(), test_support::source_dir() + "/deploy/local/cli");
  extra["COUNCIL_STATE_DIR"] = state.path;
  extra["BUILD_DIR"] = test_support::binary("");
  return test_support::run_command(std::move(args), std::move(extra));
}

}  // namespace

TEST_CASE("deploy/local/cli runs auth-service and council-service tools with the stack's settings", "[cli][deploy]") {
  auth_test::fake_provider provider;
  auth_test::auth_fixture fx;
  auto t = fx.register_user("operator@example.com", "operator pw");
  const auto& env = fx.environment();
  const auto& db = fx.database();
  state_dir state;
  state.write({{"GATEWAY_URL", "http://127.0.0.1:1"},
               {"AUTH_URL", fx.public_url()},
               {"AUTH_INTERNAL_URL", fx.internal_url()},
               {"DATABASE_URL", db.admin_url()},
               {"AUTH_DATABASE_URL", env.at("DATABASE_URL")},
               {"COUNCIL_DATABASE_URL", db.url_as("council_service")},
               {"INTERNAL_CA", test_support::cert("ca.crt")},
               {"INTERNAL_TLS_CERT", test_support::cert("auth-internal.crt")},
               {"INTERNAL_TLS_KEY", test_support::cert("auth-internal.key")},
               {"COUNCIL_CLIENT_CERT", test_support::cert("council-client.crt")},
               {"COUNCIL_CLIENT_KEY", test_support::cert("council-client.key")},
               {"JWT_SIGNING_KEY_FILE", env.at("JWT_SIGNING_KEY_FILE")},
               {"KEY_ENCRYPTION_KEYS", env.at("KEY_ENCRYPTION_KEYS")},
               {"OPENROUTER_BASE_URL", provider.base_url()},
               {"KEY_VALIDATION", "on"},
               {"UPSTREAM_ALLOW_PRIVATE", ""}});

  auto [imported_status, imported] = local_cli(state, {"auth", "import-env-key", "operator@example.com"},
                                               {{"OPENROUTER_API_KEY", "sk-or-v1-from-the-local-env"}});
  INFO(imported);
  CHECK(imported_status == 0);
  CHECK(imported.find("stored openrouter key ...al-env for operator@example.com (checked with the provider)") !=
        std::string::npos);
  CHECK(provider.key_requests().size() == 1);  // KEY_VALIDATION and OPENROUTER_BASE_URL came from stack.env
  auto released = fx.internal_key("openrouter", t.access);
  REQUIRE(released.status == 200);
  CHECK(field(json_of(released), "api_key") == "sk-or-v1-from-the-local-env");

  auto [rotated_status, rotated] = local_cli(state, {"auth", "rotate-keys"});
  CHECK(rotated_status == 0);
  CHECK(rotated.find("rewrapped 0, already current 1") != std::string::npos);

  auto [migrated_status, migrated] = local_cli(state, {"council", "migrate"});
  INFO(migrated);
  CHECK(migrated_status == 0);
  CHECK(migrated.find("applied") != std::string::npos);
  auto [claimed_status, claimed] = local_cli(state, {"council", "claim-legacy", "--email", "operator@example.com"});
  INFO(claimed);
  CHECK(claimed_status == 0);  // --email needs DATABASE_ADMIN_URL, which cli takes from stack.env's DATABASE_URL
  CHECK(claimed.find("claimed 0 legacy conversation(s)") != std::string::npos);
}

TEST_CASE("deploy/local/cli refuses to guess: no state, missing settings, unknown service", "[cli][deploy]") {
  state_dir empty;
  auto [none_status, none] = local_cli(empty, {"auth", "rotate-keys"});
  CHECK(none_status == 1);
  CHECK(none.find("stack.env: start the stack with deploy/local/up first") != std::string::npos);

  state_dir partial;
  partial.write({{"INTERNAL_CA", test_support::cert("ca.crt")}, {"AUTH_DATABASE_URL", "postgresql://nowhere/x"}});
  auto [partial_status, missing] = local_cli(partial, {"auth", "rotate-keys"});
  CHECK(partial_status == 1);
  CHECK(missing.find("has no KEY_ENCRYPTION_KEYS") != std::string::npos);

  auto [unknown_status, unknown] = local_cli(partial, {"gateway", "reload"});
  CHECK(unknown_status == 2);
  CHECK(unknown.find("usage: deploy/local/cli auth|council ARGS...") != std::string::npos);
  CHECK(local_cli(partial, {"council"}).first == 2);
}
