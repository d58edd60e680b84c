// auth-bench: logins per second against the bcrypt bound (cores / one hash, measured here), and the p99 of
// GET /api/auth/me alone and during a login storm. Runs against the auth-service tests/bench/run started
// (BENCH_AUTH_URL; BENCH_BCRYPT_COST is that service's cost). Prints figure lines; asserts nothing.
#include "bench_http.hpp"
#include "measure.hpp"
#include "auth/domain/passwords.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {
using steady = std::chrono::steady_clock;
namespace json = boost::json;

double seconds_since(steady::time_point t) { return std::chrono::duration<double>(steady::now() - t).count(); }

struct storm_state {
  bool stop = false;
  int logins = 0;
  int failures = 0;
  int running = 0;
};

common::awaitable<void> login_loop(common::http::client& c, std::string url, std::string body, storm_state& st) {
  ++st.running;
  while (!st.stop) {
    common::http::client_response r = co_await bench::send(c, "POST", url, body, "");
    if (r.status == 200)
      ++st.logins;
    else
      ++st.failures;
  }
  --st.running;
}

/// GET /api/auth/me one after another: `count` times, or until the storm stops when `storm` is given, with
/// `pause` between requests (a probe of latency that does not itself take a core from the storm).
common::awaitable<std::vector<double>> me_loop(common::http::client& c, std::string url, std::string token,
                                               int count, const storm_state* storm,
                                               std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
  std::vector<double> ms;
  for (int i = 0; (storm != nullptr) ? !storm->stop : i < count; ++i) {
    auto t = steady::now();
    common::http::client_response r = co_await bench::send(c, "GET", url, "", token);
    if (r.status != 200) throw std::runtime_error("GET /api/auth/me answered " + std::to_string(r.status));
    ms.push_back(seconds_since(t) * 1000.0);
    if (pause.count() > 0) co_await common::sleep_for(pause);
  }
  co_return ms;
}

common::awaitable<void> stop_after(storm_state& st, long seconds) {
  co_await common::sleep_for(std::chrono::seconds(seconds));
  st.stop = true;
}

/// Logins per second one process can reach: cores divided by one bcrypt verify at `cost` on one core.
double bcrypt_bound(int cost) {
  std::string hash = auth::domain::bcrypt_hash("benchmark password", cost);
  std::vector<double> one;
  for (int i = 0; i < 5; ++i) {
    auto t = steady::now();
    auth::domain::bcrypt_verify("benchmark password", hash);
    one.push_back(seconds_since(t));
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  double hash_seconds = bench::percentile(one, 0.5);
  std::printf("bcrypt $2b$%02d$ verify: %.1f ms per hash on one core, %u cores\n", cost, hash_seconds * 1000.0, cores);
  return cores / hash_seconds;
}

}  // namespace

int main() {
  try {
    const std::string auth_url = bench::env_required("BENCH_AUTH_URL");
    const long storm_seconds = bench::env_int("BENCH_STORM_SECONDS", bench::smoke() ? 2 : 10);
    const int login_clients = static_cast<int>(bench::env_int("BENCH_LOGIN_CLIENTS", 8));
    const int idle_requests = bench::smoke() ? 50 : 1000;
    const double bound = bcrypt_bound(static_cast<int>(bench::env_int("BENCH_BCRYPT_COST", 12)));

    boost::asio::io_context io(1);
    common::http::client client(io.get_executor(), common::http::client_options{{}, {}, {}, 64});
    bench::bench_user user = bench::register_user(io, client, auth_url);
    std::string creds = json::serialize(json::object{{"email", user.email}, {"password", user.password}});
    std::string me_url = auth_url + "/api/auth/me";

    auto idle = test_support::run_sync(io, me_loop(client, me_url, user.token, idle_requests, nullptr));

    storm_state st;
    for (int i = 0; i < login_clients; ++i)
      boost::asio::co_spawn(io, login_loop(client, auth_url + "/api/auth/login", creds, st), boost::asio::detached);
    boost::asio::co_spawn(io, stop_after(st, storm_seconds), boost::asio::detached);
    auto started = steady::now();
    // One /me every 5 ms during the storm: a back-to-back loop would take most of a core from bcrypt.
    auto storm = test_support::run_sync(io, me_loop(client, me_url, user.token, 0, &st, std::chrono::milliseconds(5)));
    while (st.running > 0) io.run_one();
    double rate = st.logins / seconds_since(started);
    std::printf("login storm: %d logins, %d refused, %d clients, %ld s; /me sequential: %zu idle, %zu during (one per 5 ms)\n",
                st.logins, st.failures, login_clients, storm_seconds, idle.size(), storm.size());
    bench::figure("logins_per_s", rate, "ceiling", "bcrypt_bound_logins_per_s", bound);
    bench::figure("me_p50_ms_during_logins", bench::percentile(storm, 0.5), "floor", "me_p50_ms_idle",
                  bench::percentile(idle, 0.5));
    bench::figure("me_p99_ms_during_logins", bench::percentile(storm, 0.99), "floor", "me_p99_ms_idle",
                  bench::percentile(idle, 0.99));
    bench::figure("login_refusals", st.failures);
    if (st.logins == 0) throw std::runtime_error("no login succeeded during the storm");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "auth-bench: %s\n", e.what());
    return 1;
  }
}
