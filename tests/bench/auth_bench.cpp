// auth-bench: logins per second against the bcrypt bound (cores / one hash), and GET /api/auth/me
// p50/p99 alone and during a login storm. Prints figures; asserts nothing.
// Targets AUTH_BENCH_URL when set (an already running service), else starts auth-service itself on a
// scratch database (needs TEST_DATABASE_URL and TEST_CERTS_DIR, as tests/run provides).
#include "common/core/uuid.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/http/client.hpp"
#include "auth/domain/passwords.hpp"
#include "support/database.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

namespace {
using steady = std::chrono::steady_clock;
namespace json = boost::json;

struct bench_config {
  int cost = 12;
  int login_clients = 8;
  int storm_seconds = 8;
  int me_baseline_requests = 300;
};

double seconds_since(steady::time_point t) { return std::chrono::duration<double>(steady::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

/// A started auth-service (unless AUTH_BENCH_URL names one) and its base URL.
struct service {
  std::unique_ptr<test_support::scratch_database> db;
  std::unique_ptr<test_support::child_process> process;
  std::string dir;
  std::string url;
};

service start_service(const bench_config& cfg) {
  service s;
  if (const char* url = std::getenv("AUTH_BENCH_URL"); url != nullptr && *url != '\0') {
    s.url = url;
    return s;
  }
  s.db = std::make_unique<test_support::scratch_database>();
  s.dir = (std::filesystem::temp_directory_path() / ("auth-bench-" + common::random_uuid().substr(0, 8))).string();
  std::filesystem::create_directories(s.dir);
  std::string key_file = s.dir + "/jwt.pem";
  std::ofstream(key_file) << common::crypto::ed25519_private_key::generate().to_pem();
  unsigned short port = test_support::free_port();
  std::map<std::string, std::string> env{
      {"DATABASE_URL", s.db->url_as("auth_service")},
      {"AUTH_LISTEN", "127.0.0.1:" + std::to_string(port)},
      {"AUTH_INTERNAL_LISTEN", "127.0.0.1:" + std::to_string(test_support::free_port())},
      {"INTERNAL_TLS_CERT", test_support::cert("auth-internal.crt")},
      {"INTERNAL_TLS_KEY", test_support::cert("auth-internal.key")},
      {"INTERNAL_CA", test_support::cert("ca.crt")},
      {"JWT_SIGNING_KEY_FILE", key_file},
      {"KEY_ENCRYPTION_KEYS", "1:" + common::crypto::base64_encode(common::crypto::random_bytes(32))},
      {"BCRYPT_COST", std::to_string(cfg.cost)},
      {"LOG_LEVEL", "warn"},
  };
  s.process = std::make_unique<test_support::child_process>(
      std::vector<std::string>{test_support::binary("services/auth/auth-service")}, env, s.dir + "/auth-service.log");
  if (!test_support::wait_for_health(port, 20000)) {
    std::fprintf(stderr, "auth-service did not start:\n%s\n", s.process->log().c_str());
    std::exit(1);
  }
  s.url = "http://127.0.0.1:" + std::to_string(port);
  return s;
}

common::awaitable<common::http::client_response> post(common::http::client& c, std::string url, std::string body) {
  common::http::client_request req;
  req.method = "POST";
  req.url = std::move(url);
  req.body = std::move(body);
  req.headers.emplace_back("content-type", "application/json");
  req.timeout = std::chrono::seconds(60);
  auto r = co_await c.send(std::move(req));
  co_return r;
}

common::awaitable<common::http::client_response> get_me(common::http::client& c, std::string url, std::string token) {
  common::http::client_request req;
  req.url = std::move(url);
  req.headers.emplace_back("authorization", "Bearer " + token);
  req.timeout = std::chrono::seconds(60);
  auto r = co_await c.send(std::move(req));
  co_return r;
}

struct storm_state {
  bool stop = false;
  int logins = 0;
  int failures = 0;
  int running = 0;
};

common::awaitable<void> login_loop(common::http::client& c, std::string url, std::string body, storm_state& st) {
  ++st.running;
  while (!st.stop) {
    auto r = co_await post(c, url, body);
    if (r.status == 200)
      ++st.logins;
    else
      ++st.failures;
  }
  --st.running;
}

common::awaitable<std::vector<double>> me_loop(common::http::client& c, std::string url, std::string token,
                                               int count, const storm_state* storm) {
  std::vector<double> ms;
  for (int i = 0; (storm != nullptr) ? !storm->stop : i < count; ++i) {
    auto t = steady::now();
    auto r = co_await get_me(c, url, token);
    if (r.status != 200) throw std::runtime_error("GET /api/auth/me answered " + std::to_string(r.status));
    ms.push_back(seconds_since(t) * 1000.0);
  }
  co_return ms;
}

common::awaitable<void> stop_after(storm_state& st, int seconds) {
  co_await common::sleep_for(std::chrono::seconds(seconds));
  st.stop = true;
}

}  // namespace

int main() {
  bench_config cfg;
  if (const char* c = std::getenv("BENCH_BCRYPT_COST")) cfg.cost = std::atoi(c);
  if (const char* s = std::getenv("BENCH_STORM_SECONDS")) cfg.storm_seconds = std::atoi(s);
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());

  // The bound: one bcrypt verify at the service's cost, on one core.
  std::string hash = auth::domain::bcrypt_hash("benchmark password", cfg.cost);
  std::vector<double> one;
  for (int i = 0; i < 5; ++i) {
    auto t = steady::now();
    auth::domain::bcrypt_verify("benchmark password", hash);
    one.push_back(seconds_since(t));
  }
  double hash_s = percentile(one, 0.5);
  std::printf("bcrypt $2b$%02d$ verify: %.1f ms per hash on one core; bound on %u cores: %.1f logins/s\n", cfg.cost,
              hash_s * 1000.0, cores, cores / hash_s);

  service svc = start_service(cfg);
  boost::asio::io_context io(1);
  common::http::client_options options;
  options.max_idle_per_host = 64;
  common::http::client client(io.get_executor(), options);
  std::string email = "bench-" + common::random_uuid().substr(0, 8) + "@example.com";
  std::string creds = json::serialize(json::object{{"email", email}, {"password", "benchmark password"}});
  auto reg = test_support::run_sync(io, post(client, svc.url + "/api/auth/register", creds));
  if (reg.status != 200) {
    std::fprintf(stderr, "register failed: %d %s\n", reg.status, reg.body.c_str());
    return 1;
  }
  std::string token(json::parse(reg.body).at("access_token").as_string());
  std::string me_url = svc.url + "/api/auth/me";

  auto quiet = test_support::run_sync(io, me_loop(client, me_url, token, cfg.me_baseline_requests, nullptr));
  std::printf("GET /api/auth/me idle:        p50 %.2f ms, p99 %.2f ms (%zu requests)\n", percentile(quiet, 0.5),
              percentile(quiet, 0.99), quiet.size());

  storm_state st;
  std::string login_url = svc.url + "/api/auth/login";
  for (int i = 0; i < cfg.login_clients; ++i)
    boost::asio::co_spawn(io, login_loop(client, login_url, creds, st), boost::asio::detached);
  boost::asio::co_spawn(io, stop_after(st, cfg.storm_seconds), boost::asio::detached);
  auto started = steady::now();
  auto storm_me = test_support::run_sync(io, me_loop(client, me_url, token, 0, &st));
  while (st.running > 0) io.run_one();
  double elapsed = seconds_since(started);
  double rate = st.logins / elapsed;
  std::printf("logins: %d in %.1f s with %d concurrent clients = %.1f logins/s (%.0f%% of the bound), %d failed\n",
              st.logins, elapsed, cfg.login_clients, rate, 100.0 * rate / (cores / hash_s), st.failures);
  std::printf("GET /api/auth/me during storm: p50 %.2f ms, p99 %.2f ms (%zu requests)\n", percentile(storm_me, 0.5),
              percentile(storm_me, 0.99), storm_me.size());
  if (!svc.dir.empty()) {
    svc.process.reset();
    std::filesystem::remove_all(svc.dir);
  }
  return 0;
}
