// The probe answers: /healthz and /readyz have one shape in every service.
#include "common/core/run_blocking.hpp"
#include "common/http/probes.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

namespace {

common::http::readiness_check answering(std::optional<std::string> problem, int& calls) {
  return [problem, &calls]() -> common::awaitable<std::optional<std::string>> {
    ++calls;
    co_return problem;
  };
}

}  // namespace

TEST_CASE("healthz answers 200 {status: ok}", "[kit][probes]") {
  auto res = common::http::healthz_response();
  CHECK(res.status == 200);
  CHECK(boost::json::parse(res.body) == boost::json::parse(R"({"status":"ok"})"));
}

TEST_CASE("readyz answers 200 {status: ready} or 503 with the first unmet check", "[kit][probes]") {
  boost::asio::io_context io;
  int calls = 0;
  std::vector<common::http::readiness_check> all_met{answering(std::nullopt, calls), answering(std::nullopt, calls)};
  auto ready = common::run_blocking(io, common::http::readyz_response(all_met));
  CHECK(ready.status == 200);
  CHECK(boost::json::parse(ready.body) == boost::json::parse(R"({"status":"ready"})"));
  CHECK(calls == 2);

  calls = 0;
  std::vector<common::http::readiness_check> second_unmet{answering(std::nullopt, calls),
                                                          answering("Database unreachable", calls),
                                                          answering("never asked", calls)};
  auto unready = common::run_blocking(io, common::http::readyz_response(second_unmet));
  CHECK(unready.status == 503);
  CHECK(boost::json::parse(unready.body) == boost::json::parse(R"({"detail":"Database unreachable"})"));
  CHECK(calls == 2);
}
