// auth_fixture: starts the real auth-service binary against a scratch database with throwaway keys.
#include "auth_fixture.hpp"
#include "common/core/uuid.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <future>
#include <fstream>
#include <stdexcept>

namespace auth_test {
namespace fs = std::filesystem;

boost::json::value json_of(const common::http::client_response& r) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(r.body, ec);
  return ec ? boost::json::value() : v;
}

std::string detail_of(const common::http::client_response& r) {
  auto v = json_of(r);
  if (!v.is_object() || !v.as_object().contains("detail") || !v.at("detail").is_string()) return {};
  return std::string(v.at("detail").as_string());
}

std::string field(const boost::json::value& v, std::string_view key) {
  if (!v.is_object()) return {};
  const auto* member = v.as_object().if_contains(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
}

std::string random_kek() { return common::crypto::base64_encode(common::crypto::random_bytes(32)); }

void expect_documented(openapi::api which, const openapi::exchange& answer) {
  std::string problems = openapi::response_problems(which, answer);
  INFO(answer.method << " " << answer.path << " answered " << answer.status << ", which departs from "
                     << openapi::document_path(which) << ":\n"
                     << problems);
  CHECK(problems.empty());
}

void expect_documented(openapi::api which, std::string_view method, std::string_view path,
                       const common::http::client_response& r) {
  expect_documented(which, openapi::exchange{method, path, r.status, r.header("content-type").value_or(""), r.body});
}

auth_fixture::auth_fixture(std::map<std::string, std::string> overrides) : io_(std::make_unique<boost::asio::io_context>()) {
  dir_ = (fs::temp_directory_path() / ("auth-fixture-" + common::random_uuid().substr(0, 8))).string();
  fs::create_directories(dir_);
  std::string key_file = dir_ + "/jwt-signing.pem";
  {
    std::ofstream out(key_file);
    out << common::crypto::ed25519_private_key::generate().to_pem();
  }
  fs::permissions(key_file, fs::perms::owner_read | fs::perms::owner_write);
  public_port_ = test_support::free_port();
  internal_port_ = test_support::free_port();
  while (internal_port_ == public_port_) internal_port_ = test_support::free_port();
  env_ = {
      {"DATABASE_URL", db_.url_as("auth_service")},
      {"AUTH_LISTEN", "127.0.0.1:" + std::to_string(public_port_)},
      {"AUTH_INTERNAL_LISTEN", "127.0.0.1:" + std::to_string(internal_port_)},
      {"INTERNAL_TLS_CERT", test_support::cert("auth-internal.crt")},
      {"INTERNAL_TLS_KEY", test_support::cert("auth-internal.key")},
      {"INTERNAL_CA", test_support::cert("ca.crt")},
      {"JWT_SIGNING_KEY_FILE", key_file},
      {"KEY_ENCRYPTION_KEYS", "1:" + random_kek()},
      {"BCRYPT_COST", "10"},
      {"BCRYPT_THREADS", "2"},
      {"REGISTER_MAX_PER_IP", "1000"},
      {"LOG_LEVEL", "info"},
      {"SHUTDOWN_GRACE", "2"},
      // Tests that save keys without running a fake provider must not ask the real one; the key-check tests
      // (key_check_test.cpp) turn it on with OPENROUTER_BASE_URL pointing at a fake.
      {"KEY_VALIDATION", "off"},
  };
  for (auto& [k, v] : overrides) env_[k] = v;
  start();
}

auth_fixture::~auth_fixture() {
  clients_.clear();
  process_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void auth_fixture::start() {
  ++starts_;
  std::string log_file = test_support::output_dir() + "/auth-service-" + db_.name() + "-" + std::to_string(starts_) + ".log";
  process_ = std::make_unique<test_support::child_process>(
      std::vector<std::string>{test_support::binary("services/auth/auth-service"), "serve"}, env_, log_file);
  if (!test_support::wait_for_health(public_port_, 15000)) {
    std::string log_text = process_->log();
    process_.reset();
    throw std::runtime_error("auth-service did not become healthy; log:\n" + log_text);
  }
}

int auth_fixture::stop() {
  if (!process_) return 0;
  process_->kill(SIGTERM);
  int status = process_->wait(15000);
  process_.reset();
  clients_.clear();
  return status;
}

int auth_fixture::pid() const { return process_->pid(); }

void auth_fixture::restart(std::map<std::string, std::string> changes) {
  stop();
  for (auto& [k, v] : changes) env_[k] = v;
  start();
}

std::pair<int, std::string> auth_fixture::run_cli(std::vector<std::string> args, std::map<std::string, std::string> extra) {
  std::map<std::string, std::string> env = env_;
  for (auto& [k, v] : extra) env[k] = v;
  args.insert(args.begin(), test_support::binary("services/auth/auth-service"));
  return test_support::run_command(std::move(args), std::move(env));
}

std::string auth_fixture::log() const { return process_ ? process_->log() : std::string(); }

std::string auth_fixture::public_url() const { return "http://127.0.0.1:" + std::to_string(public_port_); }
std::string auth_fixture::internal_url() const { return "https://127.0.0.1:" + std::to_string(internal_port_); }
std::string auth_fixture::jwks_url() const { return public_url() + "/.well-known/jwks.json"; }

common::http::client& auth_fixture::client_for(const std::string& cert_name) {
  auto& slot = clients_[cert_name];
  if (!slot) {
    common::http::client_options options;
    options.ca_file = test_support::cert("ca.crt");
    if (!cert_name.empty() && cert_name != "plain") {
      options.cert_file = test_support::cert(cert_name + ".crt");
      options.key_file = test_support::cert(cert_name + ".key");
    }
    slot = std::make_unique<common::http::client>(io_->get_executor(), options);
  }
  return *slot;
}

common::http::client_response auth_fixture::call(std::string method, std::string path, std::string body,
                                                  std::string bearer, common::http::header_list headers) {
  common::http::client_request req;
  req.method = method;
  req.url = public_url() + path;
  req.body = std::move(body);
  req.headers = std::move(headers);
  if (!req.body.empty()) req.headers.emplace_back("content-type", "application/json");
  if (!bearer.empty()) req.headers.emplace_back("authorization", "Bearer " + bearer);
  req.timeout = std::chrono::seconds(20);
  auto r = test_support::run_sync(*io_, client_for("plain").send(std::move(req)));
  expect_documented(openapi::api::auth, method, path, r);
  return r;
}

std::vector<common::http::client_response> auth_fixture::post_concurrently(std::string path, std::string body,
                                                                           int copies) {
  std::vector<std::future<common::http::client_response>> pending;
  for (int i = 0; i < copies; ++i) {
    common::http::client_request req;
    req.method = "POST";
    req.url = public_url() + path;
    req.body = body;
    req.headers.emplace_back("content-type", "application/json");
    req.timeout = std::chrono::seconds(20);
    pending.push_back(boost::asio::co_spawn(*io_, client_for("plain").send(std::move(req)), boost::asio::use_future));
  }
  io_->restart();
  auto all_ready = [&] {
    return std::all_of(pending.begin(), pending.end(),
                       [](auto& f) { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
  };
  while (!all_ready())
    if (io_->run_one() == 0) io_->restart();
  io_->restart();
  std::vector<common::http::client_response> out;
  for (auto& f : pending) out.push_back(f.get());
  for (const auto& r : out) expect_documented(openapi::api::auth, "POST", path, r);
  return out;
}

common::http::client_response auth_fixture::internal_key(std::string provider, std::string bearer, std::string cert_name,
                                                         std::string run_id) {
  common::http::header_list headers;
  if (!run_id.empty()) headers.emplace_back("x-run-id", run_id);
  return internal_get("/internal/v1/keys/" + provider, std::move(bearer), std::move(cert_name), std::move(headers));
}

common::http::client_response auth_fixture::internal_get(std::string path, std::string bearer, std::string cert_name,
                                                         common::http::header_list headers) {
  common::http::client_request req;
  req.url = internal_url() + path;
  req.headers = std::move(headers);
  if (!bearer.empty()) req.headers.emplace_back("authorization", "Bearer " + bearer);
  req.timeout = std::chrono::seconds(20);
  std::string client_name = cert_name.empty() ? "plain" : cert_name;
  auto r = test_support::run_sync(*io_, client_for(client_name).send(std::move(req)));
  expect_documented(openapi::api::internal, "GET", path, r);
  return r;
}

namespace {
tokens tokens_of(const common::http::client_response& r) {
  auto v = json_of(r);
  tokens t;
  t.access = std::string(v.at("access_token").as_string());
  t.refresh = std::string(v.at("refresh_token").as_string());
  return t;
}
std::string credentials(const std::string& email, const std::string& password) {
  boost::json::object o;
  o["email"] = email;
  o["password"] = password;
  return boost::json::serialize(o);
}
}  // namespace

tokens auth_fixture::register_user(const std::string& email, const std::string& password) {
  auto r = call("POST", "/api/auth/register", credentials(email, password));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return tokens_of(r);
}

tokens auth_fixture::login(const std::string& email, const std::string& password) {
  auto r = call("POST", "/api/auth/login", credentials(email, password));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return tokens_of(r);
}

void auth_fixture::save_key(const std::string& access_token, const std::string& key) {
  boost::json::object o;
  o["api_key"] = key;
  auto r = call("POST", "/api/settings/api-key", boost::json::serialize(o), access_token);
  INFO(r.body);
  REQUIRE(r.status == 200);
}

}  // namespace auth_test
