// usecase_fixture: builds the auth services the way serve() does, but against a scratch database and in-process.
#include "usecase_fixture.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/pg/migrations.hpp"
#include "auth/domain/accounts.hpp"
#include "auth/domain/tokens.hpp"
#include "support/environment.hpp"
#include <catch2/catch.hpp>

namespace usecase_test {
namespace {

constexpr int lowest_bcrypt_cost = 10;  // the lowest BCRYPT_COST the service accepts

common::pg::pool_options pool_options_for(const test_support::scratch_database& db) {
  common::pg::pool_options o;
  o.conninfo = db.url_as("auth_service");
  o.max_size = 4;
  return o;
}

auth::token_settings fresh_token_settings() {
  auth::token_settings s;
  s.issuer = "usecase-test-issuer";
  s.audience = "usecase-test-audience";
  s.signing_key_pem = common::crypto::ed25519_private_key::generate().to_pem();
  return s;
}

auth::kek_map fresh_keks() { return auth::kek_map{{1, common::crypto::random_bytes(32)}}; }

common::awaitable<void> migrate_auth(common::pg::pool& db) {
  std::string schema = "auth";
  std::string dir = test_support::source_dir() + "/migrations/auth";
  co_await common::pg::migrate(db, std::move(schema), std::move(dir));
}

}  // namespace

auth::throttle_settings default_limits() {
  auth::throttle_settings limits;
  limits.register_max_per_ip = 1000;
  return limits;
}

usecase_fixture::usecase_fixture(auth::throttle_settings limits)
    : pool_(io_.get_executor(), pool_options_for(db_)),
      passwords_(lowest_bcrypt_cost, 2),
      tokens_(fresh_token_settings()),
      vault_(fresh_keks()),
      svc_{pool_, passwords_, tokens_, vault_, limits} {
  run(migrate_auth(pool_));
}

usecase_fixture::~usecase_fixture() = default;

account usecase_fixture::register_account(const std::string& email, const std::string& password) {
  auto tokens = run(auth::domain::register_account(svc_, email, password, test_client));
  INFO("registering " << email);
  REQUIRE(tokens.has_value());
  return account{email, password, tokens->access_token, tokens->refresh_token, principal_of(tokens->access_token)};
}

auth::domain::principal usecase_fixture::principal_of(const std::string& access_token) const {
  auto claims = tokens_.verify_access(access_token);
  REQUIRE(claims.has_value());
  return auth::domain::principal{claims->sub, claims->sid};
}

std::string usecase_fixture::sql(const std::string& query) const {
  std::string out = db_.psql(query);
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

long long usecase_fixture::row_count(const std::string& table, const std::string& where) const {
  return std::stoll(sql("SELECT count(*) FROM auth." + table + " WHERE " + where));
}

long long usecase_fixture::audit_count(const std::string& where) const { return row_count("audit_events", where); }

long long usecase_fixture::audit_count(const std::string& user_id, const std::string& action,
                                       const std::string& outcome) const {
  return audit_count("user_id = " + quoted(user_id) + " AND action = " + quoted(action) +
                     " AND outcome = " + quoted(outcome));
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string stored_hash_hex(const std::string& refresh_token) {
  return common::crypto::hex_encode(auth::domain::refresh_token_hash(refresh_token));
}

}  // namespace usecase_test
