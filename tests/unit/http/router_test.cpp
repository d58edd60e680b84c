// Route table: path parameters, literal over parameter, 404 vs 405 (with Allow), trailing slashes.
#include "common/http/router.hpp"
#include "support/run_sync.hpp"
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

using namespace common::http;

namespace {

// A handler that answers with the route name it was registered as.
handler named(std::string name) {
  return [name](request&) -> common::awaitable<response> {
    response res;
    res.body = name;
    co_return res;
  };
}

response dispatch(const router& r, request& req) {
  boost::asio::io_context io;
  return test_support::run_sync(io, r.dispatch(req));
}

request make(std::string method, std::string path) {
  request req;
  req.method = std::move(method);
  req.target = path;
  req.path = std::move(path);
  return req;
}

std::string detail_of(const response& res) {
  return std::string(boost::json::parse(res.body).as_object().at("detail").as_string());
}

std::string_view header_of(const response& res, std::string_view name) {
  for (const auto& [key, value] : res.headers) {
    if (key == name) return value;
  }
  return {};
}

}  // namespace

TEST_CASE("router extracts and decodes path parameters", "[router]") {
  router r;
  r.add("GET", "/api/conversations/{id}/message", named("message"));
  r.add("DELETE", "/api/settings/api-key/{provider}", named("delete-key"));
  auto req = make("GET", "/api/conversations/5f0c1b3e-0000-4000-8000-000000000001/message");
  auto res = dispatch(r, req);
  CHECK(res.status == 200);
  CHECK(res.body == "message");
  CHECK(req.param("id") == "5f0c1b3e-0000-4000-8000-000000000001");
  CHECK(req.param("missing").empty());
  CHECK(req.route == "/api/conversations/{id}/message");

  auto encoded = make("DELETE", "/api/settings/api-key/open%20router");
  CHECK(dispatch(r, encoded).body == "delete-key");
  CHECK(encoded.param("provider") == "open router");
}

TEST_CASE("router prefers a literal segment over a parameter, whatever the registration order", "[router]") {
  router r;
  r.add("GET", "/items/{id}", named("by-id"));
  r.add("GET", "/items/new", named("new"));
  r.add("GET", "/items/{id}/parts/{part}", named("part"));
  r.add("GET", "/items/{id}/parts/first", named("first-part"));
  auto literal = make("GET", "/items/new");
  CHECK(dispatch(r, literal).body == "new");
  CHECK(literal.params.empty());
  auto param = make("GET", "/items/42");
  CHECK(dispatch(r, param).body == "by-id");
  CHECK(param.param("id") == "42");
  auto deep = make("GET", "/items/7/parts/first");
  CHECK(dispatch(r, deep).body == "first-part");
  auto deep_param = make("GET", "/items/7/parts/9");
  CHECK(dispatch(r, deep_param).body == "part");
  CHECK(deep_param.param("part") == "9");
}

TEST_CASE("router answers 404 for unknown paths and 405 with Allow for known paths", "[router]") {
  router r;
  r.add("GET", "/api/conversations", named("list"));
  r.add("POST", "/api/conversations", named("create"));
  r.add("GET", "/api/conversations/{id}", named("get"));
  r.add("DELETE", "/api/conversations/{id}", named("delete"));

  auto unknown = make("GET", "/api/nothing");
  auto not_found = dispatch(r, unknown);
  CHECK(not_found.status == 404);
  CHECK(detail_of(not_found) == "Not Found");
  CHECK(header_of(not_found, "content-type") == "application/json");

  auto too_deep = make("GET", "/api/conversations/1/2");
  CHECK(dispatch(r, too_deep).status == 404);

  auto wrong = make("PUT", "/api/conversations");
  auto not_allowed = dispatch(r, wrong);
  CHECK(not_allowed.status == 405);
  CHECK(detail_of(not_allowed) == "Method Not Allowed");
  CHECK(header_of(not_allowed, "allow") == "GET, POST");
  CHECK(header_of(not_allowed, "content-type") == "application/json");

  auto wrong_param = make("PATCH", "/api/conversations/abc");
  auto not_allowed_param = dispatch(r, wrong_param);
  CHECK(not_allowed_param.status == 405);
  CHECK(header_of(not_allowed_param, "allow") == "GET, DELETE");

  auto lower = make("get", "/api/conversations");
  CHECK(dispatch(r, lower).status == 405);
}

TEST_CASE("router ignores trailing and repeated slashes", "[router]") {
  router r;
  r.add("GET", "/api/models", named("models"));
  r.add("GET", "/", named("root"));
  auto trailing = make("GET", "/api/models/");
  CHECK(dispatch(r, trailing).body == "models");
  auto doubled = make("GET", "//api//models");
  CHECK(dispatch(r, doubled).body == "models");
  auto root = make("GET", "/");
  CHECK(dispatch(r, root).body == "root");
  auto prefix = make("GET", "/api");
  CHECK(dispatch(r, prefix).status == 404);
}

TEST_CASE("router lists routes, splits paths and refuses bad or duplicate patterns", "[router]") {
  router r;
  r.add("GET", "/a/{id}", named("a")).add("POST", "/b", named("b"));
  auto listed = r.routes();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].method == "GET");
  CHECK(listed[0].pattern == "/a/{id}");
  CHECK(listed[1].pattern == "/b");

  CHECK(split_path("/a/b/") == std::vector<std::string>{"a", "b"});
  CHECK(split_path("/") == std::vector<std::string>{});
  CHECK(split_path("/x%20y/{id}") == std::vector<std::string>{"x%20y", "{id}"});

  CHECK_THROWS_AS(r.add("GET", "/a/{other}", named("dup")), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "no-slash", named("bad")), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/a/{}", named("bad")), std::invalid_argument);
  CHECK_THROWS_AS(r.add("GET", "/a/x{id}", named("bad")), std::invalid_argument);
  CHECK_NOTHROW(r.add("DELETE", "/a/{id}", named("other method")));
}
