// Operating auth-service: KEK rotation with rotate-keys, import-env-key, migrate, startup errors,
// no plaintext secret in a pg_dump, and least privilege for the council role.
#include "auth_fixture.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

using auth_test::auth_fixture;
using auth_test::field;
using auth_test::json_of;
namespace json = boost::json;

namespace {

/// How many migrations migrations/auth holds (each a numbered .sql file).
long long auth_migration_count() {
  long long n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test_support::source_dir() + "/migrations/auth"))
    if (entry.path().extension() == ".sql") ++n;
  return n;
}

}  // namespace

TEST_CASE("rotate-keys rewraps every key under the newest KEK; the old KEK can then be dropped", "[auth][rotation]") {
  std::string kek1 = auth_test::random_kek();
  std::string kek2 = auth_test::random_kek();
  auth_fixture fx(auth_test::env{{"KEY_ENCRYPTION_KEYS", "1:" + kek1}});
  std::vector<auth_test::tokens> users;
  for (int i = 0; i < 3; ++i) {
    users.push_back(fx.register_user("rot" + std::to_string(i) + "@example.com", "rotation pw " + std::to_string(i)));
    fx.save_key(users.back().access, "sk-or-v1-rotation-key-" + std::to_string(i) + "-abcdef");
  }
  REQUIRE(fx.call("PATCH", "/api/settings/api-key/openrouter", R"({"endpoint": "https://rot.example/v1", "current_password": "rotation pw 0"})",
                  users[0].access)
              .status == 200);
  std::map<std::string, std::string> both{{"KEY_ENCRYPTION_KEYS", "1:" + kek1 + ",2:" + kek2}};
  fx.restart(both);
  // A key saved now is wrapped by KEK 2 already.
  users.push_back(fx.register_user("rot3@example.com", "rotation pw 3"));
  fx.save_key(users.back().access, "sk-or-v1-rotation-key-3-abcdef");
  std::string sealed_before = fx.database().psql("SELECT string_agg(encode(sealed_key, 'hex'), ',' ORDER BY id) FROM auth.provider_keys");

  auto [status, out] = fx.run_cli({"rotate-keys"}, both);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("rewrapped 3, already current 1") != std::string::npos);
  auto [again_status, again] = fx.run_cli({"rotate-keys"}, both);
  CHECK(again_status == 0);
  CHECK(again.find("rewrapped 0, already current 4") != std::string::npos);
  CHECK(fx.database().psql("SELECT string_agg(DISTINCT kek_version::text, ',') FROM auth.provider_keys") == "2\n");
  CHECK(fx.database().psql("SELECT string_agg(encode(sealed_key, 'hex'), ',' ORDER BY id) FROM auth.provider_keys") ==
        sealed_before);  // payloads untouched

  auto check_all = [&] {
    for (std::size_t i = 0; i < users.size(); ++i) {
      auto r = fx.internal_key("openrouter", users[i].access);
      INFO(r.body);
      REQUIRE(r.status == 200);
      CHECK(field(json_of(r), "api_key") == "sk-or-v1-rotation-key-" + std::to_string(i) + "-abcdef");
    }
    CHECK(field(json_of(fx.internal_key("openrouter", users[0].access)), "endpoint") == "https://rot.example/v1");
  };
  check_all();
  fx.restart({{"KEY_ENCRYPTION_KEYS", "2:" + kek2}});
  check_all();

  // With a KEK missing, rotation reports the unreadable rows and fails.
  auto [lost_status, lost] = fx.run_cli({"rotate-keys"}, {{"KEY_ENCRYPTION_KEYS", "3:" + auth_test::random_kek()}});
  CHECK(lost_status == 1);
  CHECK(lost.find("unreadable 4") != std::string::npos);
}

TEST_CASE("import-env-key stores OPENROUTER_API_KEY for an existing user", "[auth][cli]") {
  auth_fixture fx;
  auto t = fx.register_user("legacy@example.com", "legacy owner");
  auto [ok_status, ok_out] = fx.run_cli({"import-env-key", "--email", "Legacy@Example.com"},
                                        {{"OPENROUTER_API_KEY", "sk-or-v1-from-the-environment"}});
  INFO(ok_out);
  CHECK(ok_status == 0);
  auto r = fx.internal_key("openrouter", t.access);
  REQUIRE(r.status == 200);
  CHECK(field(json_of(r), "api_key") == "sk-or-v1-from-the-environment");
  CHECK(fx.database().psql("SELECT details->>'source' FROM auth.audit_events WHERE action = 'key_saved'") ==
        "import-env-key\n");

  auto [unknown_status, unknown_out] = fx.run_cli({"import-env-key", "--email", "nobody@example.com"},
                                                  {{"OPENROUTER_API_KEY", "sk-or-v1-from-the-environment"}});
  CHECK(unknown_status == 1);
  CHECK(unknown_out.find("auth-service: no user with email nobody@example.com") != std::string::npos);
  auto [unset_status, unset_out] = fx.run_cli({"import-env-key", "--email", "legacy@example.com"}, {{"OPENROUTER_API_KEY", ""}});
  CHECK(unset_status == 2);
  CHECK(unset_out.find("OPENROUTER_API_KEY") != std::string::npos);
}

TEST_CASE("migrate is idempotent and startup errors are one line with exit code 2", "[auth][cli]") {
  auth_fixture fx;
  auto [status, out] = fx.run_cli({"migrate"});
  CHECK(status == 0);
  CHECK(out.find("applied 0 migration(s), " + std::to_string(auth_migration_count()) + " already present") !=
        std::string::npos);

  auto [bad_status, bad_out] = fx.run_cli({"serve"}, {{"KEY_ENCRYPTION_KEYS", "1:not-base64!"}});
  CHECK(bad_status == 2);
  CHECK(bad_out.rfind("auth-service: KEY_ENCRYPTION_KEYS", 0) == 0);
  auto [cost_status, cost_out] = fx.run_cli({"serve"}, {{"BCRYPT_COST", "9"}});
  CHECK(cost_status == 2);
  CHECK(cost_out.find("auth-service: BCRYPT_COST") == 0);
  auto [key_status, key_out] = fx.run_cli({"serve"}, {{"JWT_SIGNING_KEY_FILE", "/nonexistent/key.pem"}});
  CHECK(key_status == 2);
  CHECK(key_out.find("JWT_SIGNING_KEY_FILE") != std::string::npos);
  auto [ec_status, ec_out] = fx.run_cli({"serve"}, {{"JWT_SIGNING_KEY_FILE", test_support::cert("auth-internal.key")}});
  CHECK(ec_status == 2);
  CHECK(ec_out.find("auth-service: JWT_SIGNING_KEY_FILE: is not a PEM PKCS#8 Ed25519 private key") == 0);
  auto [cmd_status, cmd_out] = fx.run_cli({"frobnicate"});
  CHECK(cmd_status == 2);
  CHECK(fx.stop() == 0);  // SIGTERM is a graceful, successful exit
}

TEST_CASE("a pg_dump holds no plaintext key, endpoint or password; passwords are bcrypt $2b$12$", "[auth][dump]") {
  auth_fixture fx(auth_test::env{{"BCRYPT_COST", "12"}});
  const std::string password = "Plain-Password-Marker-77";
  const std::string key = "sk-or-v1-PLAINTEXT-KEY-MARKER-4242";
  auto t = fx.register_user("dump@example.com", password);
  fx.save_key(t.access, key);
  REQUIRE(fx.call("PATCH", "/api/settings/api-key/openrouter", json::serialize(json::object{{"endpoint", "https://secret-endpoint-marker.example/v1"},
                                                 {"current_password", password}}),
                  t.access)
              .status == 200);
  REQUIRE(fx.internal_key("openrouter", t.access).status == 200);
  CHECK(fx.call("POST", "/api/auth/login",
                json::serialize(json::object{{"email", "dump@example.com"}, {"password", "Wrong-Password-Marker-55"}}))
            .status == 401);

  auto [status, dump] = test_support::run_command(
      {"/usr/lib/postgresql/15/bin/pg_dump", "--data-only", "--schema=auth", fx.database().admin_url()});
  REQUIRE(status == 0);
  CHECK(dump.find("dump@example.com") != std::string::npos);  // the dump does contain the data
  CHECK(dump.find("$2b$12$") != std::string::npos);
  CHECK(dump.find(key) == std::string::npos);
  CHECK(dump.find("PLAINTEXT-KEY-MARKER") == std::string::npos);
  CHECK(dump.find(password) == std::string::npos);
  CHECK(dump.find("Wrong-Password-Marker") == std::string::npos);
  CHECK(dump.find("secret-endpoint-marker") == std::string::npos);
  CHECK(dump.find(t.refresh) == std::string::npos);
}

TEST_CASE("the council role may reference users and nothing more", "[auth][privileges]") {
  auth_fixture fx;
  fx.register_user("priv@example.com", "privileges pw");
  const auto& db = fx.database();
  std::string as_council = "SET ROLE council_service; ";
  CHECK_THROWS(db.psql(as_council + "SELECT email FROM auth.users"));
  CHECK_THROWS(db.psql(as_council + "SELECT id FROM auth.users"));
  CHECK_THROWS(db.psql(as_council + "SELECT * FROM auth.provider_keys"));
  CHECK_THROWS(db.psql(as_council + "SELECT * FROM auth.audit_events"));
  CHECK_THROWS(db.psql(as_council + "SELECT auth.rfc3339(now())"));
  CHECK_THROWS(db.psql(as_council + "INSERT INTO auth.users (email, password_hash) VALUES ('x@example.com', 'x')"));
  CHECK_NOTHROW(db.psql(as_council +
                        "CREATE TABLE council.fk_probe (user_id uuid REFERENCES auth.users (id) ON DELETE CASCADE)"));
}
