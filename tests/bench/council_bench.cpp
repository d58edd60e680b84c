// council-bench: council overhead p50/p99 at 1, 10, 50 and 200 concurrent streamed runs beside the fake's own
// floor (the same upstream calls made straight to the fake, at the same concurrency), CPU per run of each
// service, and council-service's resident memory at 200 open streams. Runs that did not complete are counted as
// a figure; it fails only when none completed at some concurrency or the fake itself failed. Runs against the stack tests/bench/run
// started (BENCH_AUTH_URL, BENCH_COUNCIL_URL, BENCH_FAKE_URL, BENCH_*_PID); BENCH_LATENCY_MS sets the fake's
// latency per call (default 200, 50 with BENCH_SMOKE=1). Prints figure lines; asserts nothing.
#include "bench_http.hpp"
#include "measure.hpp"
#include "support/run_sync.hpp"
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>

namespace {
using steady = std::chrono::steady_clock;
namespace asio = boost::asio;
namespace json = boost::json;

constexpr const char* question = "How do bees find their way home?";
const std::vector<std::string> council_models{"bench/a", "bench/b", "bench/c"};

double seconds_since(steady::time_point t) { return std::chrono::duration<double>(steady::now() - t).count(); }

/// Runs every task at once; their values in order, -1 for a task that threw.
common::awaitable<std::vector<double>> gather(std::vector<common::awaitable<double>> tasks) {
  auto ex = co_await asio::this_coro::executor;
  using op_type = decltype(asio::co_spawn(ex, std::declval<common::awaitable<double>>(), asio::deferred));
  std::vector<op_type> ops;
  for (auto& task : tasks) ops.push_back(asio::co_spawn(ex, std::move(task), asio::deferred));
  auto group = asio::experimental::make_parallel_group(std::move(ops));
  auto [order, errors, values] = co_await group.async_wait(asio::experimental::wait_for_all(), common::use_awaitable);
  for (std::size_t i = 0; i < errors.size(); ++i)
    if (errors[i]) values[i] = -1.0;
  co_return values;
}

/// One chat completion straight to the fake; 1 when answered, -1 otherwise.
common::awaitable<double> fake_call(common::http::client& client, std::string url, std::string model) {
  json::array messages{json::object{{"role", "user"}, {"content", question}}};
  std::string body = json::serialize(json::object{{"model", model}, {"messages", std::move(messages)}});
  common::http::client_response r = co_await bench::send(client, "POST", url, body, "sk-or-v1-bench-key-000000");
  co_return r.status == 200 ? 1.0 : -1.0;
}

/// Every council model asked at once, as one stage of a run; -1 when a call failed.
common::awaitable<double> fake_stage(common::http::client& client, std::string url) {
  std::vector<common::awaitable<double>> calls;
  for (const auto& model : council_models) calls.push_back(fake_call(client, url, model));
  std::vector<double> answered = co_await gather(std::move(calls));
  co_return *std::min_element(answered.begin(), answered.end());
}

/// Stage 1, stage 2 (rankings), stage 3 (the lead), one after another; -1 when a call failed.
common::awaitable<double> fake_stages(common::http::client& client, std::string url) {
  double first = co_await fake_stage(client, url);
  double second = co_await fake_stage(client, url);
  double lead = co_await fake_call(client, url, council_models.front());
  co_return std::min({first, second, lead});
}

/// The upstream calls of one council run (the title beside the three stages) made straight to the fake; the
/// seconds they took, or -1 when a call failed.
common::awaitable<double> fake_run(common::http::client& client, std::string url) {
  auto start = steady::now();
  std::vector<common::awaitable<double>> sides;
  sides.push_back(fake_call(client, url, "bench/title"));
  sides.push_back(fake_stages(client, url));
  std::vector<double> answered = co_await gather(std::move(sides));
  double seconds = seconds_since(start);
  co_return *std::min_element(answered.begin(), answered.end()) < 0 ? -1.0 : seconds;
}

/// One streamed council run; its end-to-end seconds, or -1 when it did not complete.
common::awaitable<double> council_run(common::http::client& client, std::string url, std::string token) {
  auto start = steady::now();
  std::string body = json::serialize(json::object{{"content", question}});
  common::http::client_response r = co_await bench::send(client, "POST", url, body, token);
  double seconds = seconds_since(start);
  bool complete = r.status == 200 && r.body.find("\"type\":\"complete\"") != std::string::npos;
  co_return complete ? seconds : -1.0;
}

/// Samples VmRSS of `pid` every 20 ms into `peak` while `*running`.
common::awaitable<void> sample_rss(int pid, std::shared_ptr<bool> running, std::shared_ptr<long> peak) {
  while (*running) {
    *peak = std::max(*peak, bench::rss_kib(pid));
    co_await common::sleep_for(std::chrono::milliseconds(20));
  }
}

/// Durations in ms of the completed runs and the count of failed ones at one concurrency.
struct level_result {
  std::vector<double> ms;
  int failed = 0;
  void add(const std::vector<double>& seconds) {
    for (double s : seconds) {
      if (s < 0) ++failed;
      else ms.push_back(s * 1000.0);
    }
  }
};

struct service_pids {
  int auth = 0;
  int council = 0;
  int fake = 0;
};

}  // namespace

int main() {
  try {
    const std::string auth_url = bench::env_required("BENCH_AUTH_URL");
    const std::string council_url = bench::env_required("BENCH_COUNCIL_URL");
    const std::string fake_url = bench::env_required("BENCH_FAKE_URL");
    const service_pids pids{static_cast<int>(bench::env_int("BENCH_AUTH_PID", 0)),
                            static_cast<int>(bench::env_int("BENCH_COUNCIL_PID", 0)),
                            static_cast<int>(bench::env_int("BENCH_FAKE_PID", 0))};
    const long latency_ms = bench::env_int("BENCH_LATENCY_MS", bench::smoke() ? 50 : 200);
    // Concurrency -> batches of that many runs at once.
    const std::map<int, int> levels = bench::smoke() ? std::map<int, int>{{1, 3}, {10, 1}, {50, 1}, {200, 1}}
                                                     : std::map<int, int>{{1, 30}, {10, 10}, {50, 4}, {200, 2}};

    asio::io_context io;
    common::http::client client(io.get_executor(), common::http::client_options{{}, {}, {}, 512});
    bench::bench_user user = bench::register_user(io, client, auth_url);
    bench::save_provider_key(io, client, auth_url, user.token);
    std::string config = json::serialize(json::object{{"default", json::object{{"latency_ms", latency_ms}}}});
    auto configured = test_support::run_sync(io, bench::send(client, "POST", fake_url + "/_fake/config", config, ""));
    if (configured.status != 200) throw std::runtime_error("the fake refused its configuration: " + configured.body);

    std::map<int, level_result> floors;
    for (auto [concurrency, batches] : levels) {
      for (int b = 0; b < batches; ++b) {
        std::vector<common::awaitable<double>> runs;
        for (int i = 0; i < concurrency; ++i) runs.push_back(fake_run(client, fake_url + "/api/v1/chat/completions"));
        floors[concurrency].add(test_support::run_sync(io, gather(std::move(runs))));
      }
    }

    std::vector<std::string> stream_urls;
    for (auto [concurrency, batches] : levels) {
      for (int i = 0; i < concurrency * batches; ++i) {
        auto r = test_support::run_sync(io, bench::send(client, "POST", council_url + "/api/conversations", "{}", user.token));
        if (r.status != 200) throw std::runtime_error("creating a conversation answered " + std::to_string(r.status));
        stream_urls.push_back(council_url + "/api/conversations/" +
                              std::string(json::parse(r.body).at("id").as_string()) + "/message/stream");
      }
    }

    std::map<int, level_result> council;
    const long rss_before_runs = bench::rss_kib(pids.council);
    auto peak = std::make_shared<long>(0);
    const double cpu_auth = bench::cpu_seconds(pids.auth);
    const double cpu_council = bench::cpu_seconds(pids.council);
    const double cpu_fake = bench::cpu_seconds(pids.fake);
    std::size_t next_url = 0;
    for (auto [concurrency, batches] : levels) {
      for (int b = 0; b < batches; ++b) {
        auto running = std::make_shared<bool>(true);
        if (concurrency == 200) asio::co_spawn(io, sample_rss(pids.council, running, peak), asio::detached);
        std::vector<common::awaitable<double>> runs;
        for (int i = 0; i < concurrency; ++i) runs.push_back(council_run(client, stream_urls[next_url++], user.token));
        council[concurrency].add(test_support::run_sync(io, gather(std::move(runs))));
        *running = false;
      }
    }
    const double total_runs = static_cast<double>(stream_urls.size());
    const double auth_ms = (bench::cpu_seconds(pids.auth) - cpu_auth) * 1000.0 / total_runs;
    const double council_ms = (bench::cpu_seconds(pids.council) - cpu_council) * 1000.0 / total_runs;
    const double fake_ms = (bench::cpu_seconds(pids.fake) - cpu_fake) * 1000.0 / total_runs;

    std::printf("council runs: fake latency %ld ms per call, 3 models, 3 stages and the title; runs (failed) per level:",
                latency_ms);
    for (auto& [concurrency, result] : council)
      std::printf(" c%d %zu (%d), floor %zu (%d);", concurrency, result.ms.size() + result.failed, result.failed,
                  floors[concurrency].ms.size(), floors[concurrency].failed);
    std::printf("\n");
    bool broken = false;
    for (auto& [concurrency, result] : council) {
      const std::string level = "_c" + std::to_string(concurrency);
      for (double p : {0.5, 0.99}) {
        const std::string q = p == 0.5 ? "p50" : "p99";
        double run = bench::percentile(result.ms, p);
        double floor = bench::percentile(floors[concurrency].ms, p);
        bench::figure("council_overhead_" + q + "_ms" + level, run - floor, "floor", "fake_run_" + q + "_ms" + level,
                      floor);
      }
      bench::figure("council_failed_runs" + level, result.failed);
      broken = broken || result.ms.empty() || floors[concurrency].failed > 0;
    }
    bench::figure("council_cpu_ms_per_run", council_ms);
    bench::figure("auth_cpu_ms_per_run", auth_ms);
    bench::figure("fake_cpu_ms_per_run", fake_ms);
    bench::figure("council_rss_200_streams_mib", *peak / 1024.0, "floor", "council_rss_before_runs_mib",
                  rss_before_runs / 1024.0);
    bench::figure("council_rss_kib_per_stream", static_cast<double>(*peak - rss_before_runs) / 200.0);
    if (broken) throw std::runtime_error("no council run completed at some concurrency, or a call to the fake failed");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "council-bench: %s\n", e.what());
    return 1;
  }
}
