// Upstream calls: per-try deadline, retry loop, streamed or whole answers within the answer cap.
#include "council/clients/openrouter_client.hpp"
#include "council/clients/answer_collector.hpp"
#include "council/clients/completion_parser.hpp"
#include "council/clients/retry_policy.hpp"
#include "council/clients/upstream_metrics.hpp"
#include "common/core/log.hpp"
#include "common/crypto/hash.hpp"
#include <boost/asio/error.hpp>
#include <boost/json/value.hpp>
#include <boost/system/system_error.hpp>
#include <random>

namespace council::clients {
namespace json = boost::json;
using namespace std::chrono;

namespace {

double jitter() {
  thread_local std::mt19937 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

std::string seconds_text(common::clock::duration d) {
  auto ms = duration_cast<milliseconds>(d).count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

}  // namespace

upstream_target::~upstream_target() { common::crypto::wipe(api_key); }

openrouter_client::openrouter_client(common::executor ex, upstream_options options)
    : options_(std::move(options)), http_(ex, common::http::client_options{options_.ca_file, {}, {}, 64}) {}

common::awaitable<call_result> openrouter_client::complete(std::shared_ptr<const upstream_target> target, std::string model,
                                                           shared_request request, common::clock::time_point deadline,
                                                           delta_sink on_delta) {
  const std::string body_head = request->body_head(model);
  const common::http::shared_body body_rest{request->body_rest()};
  call_result result;
  bool forwarded = false;  // a piece of the answer went to on_delta: no more tries
  for (int attempt = 1;; ++attempt) {
    auto remaining = deadline - common::clock::now();
    if (remaining <= common::clock::duration::zero()) {
      result.error = result.error.empty() ? "the run's time limit was reached" : result.error;
      co_return result;
    }
    common::http::client_request req;
    req.method = "POST";
    req.url = target->base_url + "/chat/completions";
    req.connect_to = target->addresses;
    common::http::add_bearer(req, target->api_key);
    req.headers.emplace_back("content-type", "application/json");
    req.headers.emplace_back("http-referer", options_.referer);
    req.headers.emplace_back("x-title", options_.title);
    req.body = body_head;
    req.body_tail = body_rest;
    req.body_limit = completion_body_limit(options_.max_answer_bytes);
    answer_collector collector(options_.max_answer_bytes);
    if (request->streamed()) {
      req.on_body = [&collector, &on_delta, &forwarded](std::string_view bytes) {
        const std::size_t before = collector.streamed().size();
        const bool more = collector.feed(bytes);
        if (on_delta && collector.streamed().size() > before) {
          forwarded = true;
          on_delta(std::string_view(collector.streamed()).substr(before));
        }
        return more;
      };
    }
    req.timeout = std::min<common::clock::duration>(options_.timeout, remaining);
    auto try_timeout = req.timeout;
    bool retryable = false;
    std::optional<milliseconds> retry_after;
    const auto try_started = common::clock::now();
    try {
      common::http::client_response resp = co_await http_.send(std::move(req));
      result.tries = attempt;
      if (resp.status == 200) {
        collected_answer parsed = request->streamed() ? collector.finish() : collect_json(resp.body, options_.max_answer_bytes);
        record_upstream_try(model, parsed.content ? "200" : "bad_response", common::clock::now() - try_started);
        if (parsed.content) {
          result.content = std::move(*parsed.content);
          result.usage = parsed.usage;
          result.cut = parsed.cut;
          co_return result;
        }
        result.status = 200;
        result.error = parsed.content.error();
      } else {
        record_upstream_try(model, std::to_string(resp.status), common::clock::now() - try_started);
        result.status = resp.status;
        result.error = provider_message(resp.status, resp.body);
        retryable = is_retryable_status(resp.status);
        if (auto h = resp.header("retry-after")) retry_after = parse_retry_after(*h);
      }
    } catch (const boost::system::system_error& e) {
      if (e.code() == boost::asio::error::operation_aborted) throw;
      const bool timed_out = e.code() == boost::asio::error::timed_out;
      record_upstream_try(model, timed_out ? "timeout" : "connection_error", common::clock::now() - try_started);
      result.tries = attempt;
      result.status.reset();
      result.error = timed_out ? "no answer within " + seconds_text(try_timeout) : "connection failed: " + e.code().message();
      retryable = !forwarded;
    }
    common::log::warn("upstream call failed", {{"model", model},
                                                {"try", attempt},
                                                {"status", result.status ? json::value(*result.status) : json::value(nullptr)},
                                                {"error", result.error}});
    if (!retryable || attempt >= options_.max_tries) co_return result;
    auto delay = retry_after ? *retry_after : backoff_delay(attempt, jitter());
    if (common::clock::now() + delay >= deadline) co_return result;
    co_await common::sleep_for(delay);
  }
}

}  // namespace council::clients
