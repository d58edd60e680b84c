// key-release-bench: GET /internal/v1/keys/openrouter on auth's internal port over one kept-alive mutual-TLS
// connection with the council's client certificate, p50/p99 beside the same connection's GET /healthz (the
// floor: TLS and HTTP without work), and auth-service's CPU per release. Runs against the stack tests/bench/run
// started (BENCH_AUTH_URL, BENCH_AUTH_INTERNAL_URL, BENCH_AUTH_PID, TEST_CERTS_DIR). Prints figure lines.
#include "bench_http.hpp"
#include "measure.hpp"
#include "support/environment.hpp"
#include "support/run_sync.hpp"
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace {
using steady = std::chrono::steady_clock;

/// `count` sequential GETs of `url` (bearer `token`, an x-run-id); their durations in ms, after `warmup` more.
common::awaitable<std::vector<double>> timed_gets(common::http::client& client, std::string url, std::string token,
                                                  int warmup, int count) {
  std::vector<double> ms;
  for (int i = 0; i < warmup + count; ++i) {
    common::http::client_request req;
    req.url = url;
    if (!token.empty()) common::http::add_bearer(req, token);
    req.headers.emplace_back("x-run-id", "bench-run-" + std::to_string(i));
    auto t = steady::now();
    common::http::client_response r = co_await client.send(std::move(req));
    if (r.status != 200) throw std::runtime_error("GET " + url + " answered " + std::to_string(r.status));
    if (i >= warmup) ms.push_back(std::chrono::duration<double>(steady::now() - t).count() * 1000.0);
  }
  co_return ms;
}

}  // namespace

int main() {
  try {
    const std::string auth_url = bench::env_required("BENCH_AUTH_URL");
    const std::string internal_url = bench::env_required("BENCH_AUTH_INTERNAL_URL");
    const int auth_pid = static_cast<int>(bench::env_int("BENCH_AUTH_PID", 0));
    const int count = bench::smoke() ? 200 : 2000;

    boost::asio::io_context io(1);
    common::http::client plain(io.get_executor(), common::http::client_options{});
    bench::bench_user user = bench::register_user(io, plain, auth_url);
    bench::save_provider_key(io, plain, auth_url, user.token);

    common::http::client mtls(io.get_executor(),
                              common::http::client_options{test_support::cert("ca.crt"),
                                                           test_support::cert("council-client.crt"),
                                                           test_support::cert("council-client.key"), 1});
    auto floor = test_support::run_sync(io, timed_gets(mtls, internal_url + "/healthz", "", 50, count));
    double cpu_before = bench::cpu_seconds(auth_pid);
    auto released = test_support::run_sync(
        io, timed_gets(mtls, internal_url + "/internal/v1/keys/openrouter", user.token, 0, count));
    double auth_cpu_ms = (bench::cpu_seconds(auth_pid) - cpu_before) * 1000.0;
    if (mtls.connections_opened() != 1)
      throw std::runtime_error("the mTLS connection was not kept alive (" + std::to_string(mtls.connections_opened()) +
                               " opened)");
    std::printf("key release: %d sequential releases on one kept-alive mTLS connection\n", count);
    bench::figure("key_release_p50_ms", bench::percentile(released, 0.5), "floor", "internal_healthz_p50_ms",
                  bench::percentile(floor, 0.5));
    bench::figure("key_release_p99_ms", bench::percentile(released, 0.99), "floor", "internal_healthz_p99_ms",
                  bench::percentile(floor, 0.99));
    bench::figure("auth_cpu_ms_per_key_release", auth_cpu_ms / count);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "key-release-bench: %s\n", e.what());
    return 1;
  }
}
