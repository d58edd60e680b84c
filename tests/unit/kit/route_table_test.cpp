// Route tables as data: listed without a context, bound to one for serving.
#include "common/core/run_blocking.hpp"
#include "common/http/route_table.hpp"
#include <catch2/catch.hpp>
#include <array>

namespace {

struct counter_context {
  int calls = 0;
};

common::awaitable<common::http::response> count_call(counter_context& ctx, common::http::request&) {
  ++ctx.calls;
  co_return common::http::error(418, "counted");
}

constexpr std::array<common::http::route<counter_context>, 2> table{{
    {"GET", "/count", count_call},
    {"DELETE", "/count/{id}", count_call},
}};

common::http::request make(std::string method, std::string path) {
  common::http::request req;
  req.method = std::move(method);
  req.path = std::move(path);
  return req;
}

}  // namespace

TEST_CASE("a route table lists its routes without a context and serves them once bound", "[kit][routes]") {
  auto listed = common::http::list_routes<counter_context>(table).routes();
  REQUIRE(listed.size() == 2);
  CHECK(listed[1].method == "DELETE");
  CHECK(listed[1].pattern == "/count/{id}");

  boost::asio::io_context io;
  auto unbound = common::http::list_routes<counter_context>(table);
  auto req = make("GET", "/count");
  CHECK_THROWS_AS(common::run_blocking(io, unbound.dispatch(req)), std::logic_error);

  counter_context ctx;
  auto bound = common::http::bind_routes<counter_context>(table, ctx);
  auto again = make("DELETE", "/count/7");
  CHECK(common::run_blocking(io, bound.dispatch(again)).status == 418);
  CHECK(again.param("id") == "7");
  CHECK(ctx.calls == 1);
}
