// The test harness itself: scratch databases carry the service roles and schemas.
#include "support/database.hpp"
#include <catch2/catch.hpp>

TEST_CASE("a scratch database has the auth and council schemas owned by their roles", "[support]") {
  test_support::scratch_database db;
  std::string owners = db.psql(
      "SELECT string_agg(nspname || '=' || pg_get_userbyid(nspowner), ',' ORDER BY nspname) FROM pg_namespace "
      "WHERE nspname IN ('auth','council')");
  CHECK(owners.find("auth=auth_service") != std::string::npos);
  CHECK(owners.find("council=council_service") != std::string::npos);
}
