// council-bench: council overhead (end-to-end run time minus the fake's latency x 3 stages) p50/p99 at 1, 50
// and 200 concurrent streamed runs, and council-service's resident memory at 200 concurrent streams.
// Starts auth-service, fake-openrouter and council-service on a scratch database (needs TEST_DATABASE_URL and
// TEST_CERTS_DIR, as tests/run provides). Prints figures; asserts nothing. BENCH_LATENCY_MS sets the fake's
// latency (default 200).
#include "common/core/uuid.hpp"
#include "common/crypto/ed25519.hpp"
#include "common/crypto/encoding.hpp"
#include "common/crypto/hash.hpp"
#include "common/http/client.hpp"
#include "support/database.hpp"
#include "support/environment.hpp"
#include "support/process.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace {
using steady = std::chrono::steady_clock;
namespace asio = boost::asio;
namespace json = boost::json;

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

/// VmRSS of `pid` in KiB (0 when unreadable).
long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

/// LOG_LEVEL of the services: BENCH_LOG_LEVEL, default warn.
std::string log_level() { return std::getenv("BENCH_LOG_LEVEL") ? std::getenv("BENCH_LOG_LEVEL") : "warn"; }

/// The three services on free ports, stopped on destruction.
struct stack {
  test_support::scratch_database db;
  std::string dir;
  unsigned short auth_port = test_support::free_port();
  unsigned short internal_port = test_support::free_port();
  unsigned short fake_port = test_support::free_port();
  unsigned short council_port = test_support::free_port();
  std::unique_ptr<test_support::child_process> auth;
  std::unique_ptr<test_support::child_process> fake;
  std::unique_ptr<test_support::child_process> council;

  stack() {
    dir = (std::filesystem::temp_directory_path() / ("council-bench-" + common::random_uuid().substr(0, 8))).string();
    std::filesystem::create_directories(dir);
    std::string key_file = dir + "/jwt.pem";
    std::ofstream(key_file) << common::crypto::ed25519_private_key::generate().to_pem();
    std::string out = test_support::output_dir();
    auth = std::make_unique<test_support::child_process>(
        std::vector<std::string>{test_support::binary("services/auth/auth-service"), "serve"},
        std::map<std::string, std::string>{
            {"DATABASE_URL", db.url_as("auth_service")},
            {"AUTH_LISTEN", "127.0.0.1:" + std::to_string(auth_port)},
            {"AUTH_INTERNAL_LISTEN", "127.0.0.1:" + std::to_string(internal_port)},
            {"INTERNAL_TLS_CERT", test_support::cert("auth-internal.crt")},
            {"INTERNAL_TLS_KEY", test_support::cert("auth-internal.key")},
            {"INTERNAL_CA", test_support::cert("ca.crt")},
            {"JWT_SIGNING_KEY_FILE", key_file},
            {"KEY_ENCRYPTION_KEYS", "1:" + common::crypto::base64_encode(common::crypto::random_bytes(32))},
            {"BCRYPT_COST", "10"},
            {"DB_POOL_SIZE", "20"},
            {"LOG_LEVEL", log_level()}},
        out + "/bench-auth-service.log");
    if (!test_support::wait_for_health(auth_port, 15000)) throw std::runtime_error("auth-service did not start: " + auth->log());
    fake = std::make_unique<test_support::child_process>(
        std::vector<std::string>{test_support::binary("tests/fakes/fake-openrouter"), "--listen",
                                 "127.0.0.1:" + std::to_string(fake_port)},
        std::map<std::string, std::string>{{"LOG_LEVEL", "warn"}}, out + "/bench-fake-openrouter.log");
    if (!test_support::wait_for_health(fake_port, 10000)) throw std::runtime_error("fake-openrouter did not start");
    council = std::make_unique<test_support::child_process>(
        std::vector<std::string>{test_support::binary("services/council/council-service"), "serve"},
        std::map<std::string, std::string>{
            {"DATABASE_URL", db.url_as("council_service")},
            {"DB_POOL_SIZE", "20"},
            {"COUNCIL_LISTEN", "127.0.0.1:" + std::to_string(council_port)},
            {"AUTH_JWKS_URL", "http://127.0.0.1:" + std::to_string(auth_port) + "/.well-known/jwks.json"},
            {"AUTH_INTERNAL_URL", "https://127.0.0.1:" + std::to_string(internal_port)},
            {"INTERNAL_CA", test_support::cert("ca.crt")},
            {"COUNCIL_CLIENT_CERT", test_support::cert("council-client.crt")},
            {"COUNCIL_CLIENT_KEY", test_support::cert("council-client.key")},
            {"OPENROUTER_BASE_URL", "http://127.0.0.1:" + std::to_string(fake_port) + "/api/v1"},
            {"COUNCIL_MODELS", "bench/a,bench/b,bench/c"},
            {"COUNCIL_LEAD_MODEL", "bench/a"},
            {"COUNCIL_TITLE_MODEL", "bench/title"},
            {"COUNCIL_MAX_RUNS_PER_USER", "1000"},
            {"LOG_LEVEL", log_level()}},
        out + "/bench-council-service.log");
    if (!test_support::wait_for_health(council_port, 15000)) throw std::runtime_error("council-service did not start: " + council->log());
  }
  ~stack() {
    council.reset();
    fake.reset();
    auth.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

common::awaitable<common::http::client_response> send(common::http::client& client, std::string method, std::string url,
                                                      std::string body, std::string token) {
  common::http::client_request req;
  req.method = std::move(method);
  req.url = std::move(url);
  req.body = std::move(body);
  if (!req.body.empty()) req.headers.emplace_back("content-type", "application/json");
  if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
  req.timeout = std::chrono::seconds(120);
  co_return co_await client.send(std::move(req));
}

/// One streamed run; its end-to-end seconds, or a negative value when it did not complete.
common::awaitable<double> one_run(common::http::client& client, std::string url, std::string token) {
  auto start = steady::now();
  std::string body = R"({"content": "How do bees find their way home?"})";
  common::http::client_response r = co_await send(client, "POST", url, body, token);
  double seconds = std::chrono::duration<double>(steady::now() - start).count();
  bool complete = r.status == 200 && r.body.find("\"type\":\"complete\"") != std::string::npos;
  co_return complete ? seconds : -1.0;
}

/// CPU seconds (user + system) used so far by `pid` (0 when unreadable).
double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

/// Samples the service's RSS every 20 ms into `peak` while `*running`.
common::awaitable<void> sample_rss(int pid, std::shared_ptr<bool> running, std::shared_ptr<long> peak) {
  while (*running) {
    *peak = std::max(*peak, rss_kib(pid));
    co_await common::sleep_for(std::chrono::milliseconds(20));
  }
}

/// `urls.size()` runs at once (one per conversation URL); their durations.
common::awaitable<std::vector<double>> concurrent_runs(common::http::client& client, std::vector<std::string> urls,
                                                       std::string token) {
  auto ex = co_await asio::this_coro::executor;
  using op_type = decltype(asio::co_spawn(ex, std::declval<common::awaitable<double>>(), asio::deferred));
  std::vector<op_type> ops;
  for (const auto& url : urls) ops.push_back(asio::co_spawn(ex, one_run(client, url, token), asio::deferred));
  auto group = asio::experimental::make_parallel_group(std::move(ops));
  auto [order, errors, values] = co_await group.async_wait(asio::experimental::wait_for_all(), common::use_awaitable);
  for (std::size_t i = 0; i < errors.size(); ++i)
    if (errors[i]) values[i] = -1.0;
  co_return values;
}

}  // namespace

int main() {
  try {
    long latency_ms = std::getenv("BENCH_LATENCY_MS") ? std::strtol(std::getenv("BENCH_LATENCY_MS"), nullptr, 10) : 200;
    stack s;
    asio::io_context io;
    common::http::client client(io.get_executor(), common::http::client_options{{}, {}, {}, 256});
    std::string auth = "http://127.0.0.1:" + std::to_string(s.auth_port);
    std::string council = "http://127.0.0.1:" + std::to_string(s.council_port);
    std::string fake = "http://127.0.0.1:" + std::to_string(s.fake_port);

    auto registered = test_support::run_sync(
        io, send(client, "POST", auth + "/api/auth/register", R"({"email":"bench@example.com","password":"bench password"})", ""));
    if (registered.status != 200) throw std::runtime_error("register failed: " + registered.body);
    std::string token(json::parse(registered.body).at("access_token").as_string());
    auto saved = test_support::run_sync(
        io, send(client, "POST", auth + "/api/settings/api-key", R"({"api_key":"sk-or-v1-bench-key-000000"})", token));
    if (saved.status != 200) throw std::runtime_error("saving the key failed: " + saved.body);
    std::string config = json::serialize(json::object{{"default", json::object{{"latency_ms", latency_ms}}}});
    test_support::run_sync(io, send(client, "POST", fake + "/_fake/config", config, ""));
    for (int i = 0; i < 100 && test_support::run_sync(io, send(client, "GET", council + "/readyz", "", "")).status != 200; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));

    auto conversation_urls = [&](int n) {
      std::vector<std::string> urls;
      for (int i = 0; i < n; ++i) {
        auto r = test_support::run_sync(io, send(client, "POST", council + "/api/conversations", "{}", token));
        std::string id(json::parse(r.body).at("id").as_string());
        urls.push_back(council + "/api/conversations/" + id + "/message/stream");
      }
      return urls;
    };

    std::printf("council-bench: fake latency %ld ms per call, 3 models, 3 stages (+ title in parallel)\n", latency_ms);
    std::printf("%-12s %6s %6s %10s %11s %11s %13s %13s\n", "concurrency", "runs", "failed", "e2e p50", "overhead50",
                "overhead99", "council CPU", "auth CPU");
    long idle_rss = rss_kib(s.council->pid());
    long peak_rss = 0;
    const double floor = 3.0 * static_cast<double>(latency_ms) / 1000.0;
    for (int concurrency : {1, 50, 200}) {
      int batches = concurrency == 1 ? 30 : concurrency == 50 ? 2 : 1;
      std::vector<double> durations;
      int failed = 0;
      double council_cpu = cpu_seconds(s.council->pid());
      double auth_cpu = cpu_seconds(s.auth->pid());
      for (int b = 0; b < batches; ++b) {
        auto urls = conversation_urls(concurrency);
        auto running = std::make_shared<bool>(true);
        auto peak = std::make_shared<long>(0);
        if (concurrency == 200) asio::co_spawn(io, sample_rss(s.council->pid(), running, peak), asio::detached);
        auto values = test_support::run_sync(io, concurrent_runs(client, urls, token));
        *running = false;
        peak_rss = std::max(peak_rss, *peak);
        for (double v : values) {
          if (v < 0) ++failed;
          else durations.push_back(v);
        }
      }
      std::vector<double> overhead;
      for (double d : durations) overhead.push_back((d - floor) * 1000.0);
      double runs = static_cast<double>(durations.size() + failed);
      std::printf("%-12d %6.0f %6d %7.0f ms %8.1f ms %8.1f ms %6.2f ms/run %6.2f ms/run\n", concurrency, runs, failed,
                  percentile(durations, 0.5) * 1000.0, percentile(overhead, 0.5), percentile(overhead, 0.99),
                  (cpu_seconds(s.council->pid()) - council_cpu) * 1000.0 / runs,
                  (cpu_seconds(s.auth->pid()) - auth_cpu) * 1000.0 / runs);
    }
    std::printf("council-service RSS: %.1f MiB idle, %.1f MiB peak during 200 concurrent streams\n", idle_rss / 1024.0,
                peak_rss / 1024.0);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "council-bench: %s\n", e.what());
    return 1;
  }
}
