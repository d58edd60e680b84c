// The OpenAPI documents in proto/ and the services' route tables list the same operations, both ways, and
// the gateway sends every documented public path to the right service and none of the internal ones. The
// services' route tables are data, read through router::routes().
#include "auth/http/routes.hpp"
#include "council/http/routes.hpp"
#include "unit/contracts/contract_sources.hpp"
#include <catch2/catch.hpp>

namespace {

using contracts::operation_set;

/// Operations every common::http::server answers itself, outside the route table.
const operation_set built_in = {"GET /healthz"};
/// Operations the server answers itself on the services' public listeners only (not on auth's internal mTLS one).
const operation_set public_built_in = {"GET /metrics"};

void check_same(const operation_set& documented, const operation_set& routed, const std::string& what) {
  INFO(what << "\nrouted but not documented:\n"
            << contracts::missing(routed, documented) << "documented but not routed:\n"
            << contracts::missing(documented, routed));
  CHECK(documented == routed);
}

/// `routed` plus the server's own operations (with the public-only ones when `public_listener`).
operation_set with_built_ins(operation_set routed, bool public_listener) {
  routed.insert(built_in.begin(), built_in.end());
  if (public_listener) routed.insert(public_built_in.begin(), public_built_in.end());
  return routed;
}

/// The operations of a router, read through router::routes().
operation_set operations_of(const common::http::router& routes) {
  operation_set out;
  for (const auto& route : routes.routes()) out.insert(route.method + " " + route.pattern);
  return out;
}

bool is_probe(const std::string& path) { return path == "/healthz" || path == "/readyz" || path == "/metrics"; }

}  // namespace

TEST_CASE("contract scanners read OpenAPI paths, route tables and nginx locations", "[contracts]") {
  const std::string yaml =
      "openapi: 3.1.0\n"
      "paths:\n"
      "  /api/a/{id}:\n"
      "    get:\n"
      "      responses: {}\n"
      "    delete:\n"
      "      parameters:\n"
      "        - name: id\n"
      "  '/b':\n"
      "    post:\n"
      "components:\n"
      "  /not/a/path:\n"
      "    get:\n";
  CHECK(contracts::openapi_operations(yaml) == operation_set{"GET /api/a/{id}", "DELETE /api/a/{id}", "POST /b"});

  const std::string cpp =
      "router other(context& c) { r.add(\"GET\", \"/x\", f); }\n"
      "common::http::router wanted(context& ctx) {\n"
      "  common::http::router r;\n"
      "  auto bind = [&ctx](auto fn) { return [&ctx, fn](request& req) { return fn(ctx, req); }; };\n"
      "  r.add(\"GET\", \"/a\", bind(a))\n"
      "      .add(\"DELETE\",\n           \"/a/{id}\", bind(b));\n"
      "  return r;\n"
      "}\n"
      "router after() { r.add(\"PUT\", \"/y\", g); }\n";
  CHECK(contracts::route_table(cpp, "wanted") == operation_set{"GET /a", "DELETE /a/{id}"});
  CHECK_THROWS(contracts::route_table(cpp, "absent"));

  const std::string nginx =
      "location ^~ /api/ { return 404; }\n"
      "location ^~ /api/auth/ { if ($x) { return 204; } proxy_pass http://auth_service; }\n"
      "location = /api/models { proxy_pass http://council_service; }\n";
  auto locations = contracts::gateway_locations(nginx);
  CHECK(contracts::gateway_upstream(locations, "/api/auth/login") == "auth_service");
  CHECK(contracts::gateway_upstream(locations, "/api/models") == "council_service");
  CHECK(contracts::gateway_upstream(locations, "/api/other").empty());
  CHECK(contracts::gateway_upstream(locations, "/elsewhere").empty());
}

TEST_CASE("auth public routes match proto/auth.openapi.yaml", "[contracts]") {
  auto documented = contracts::openapi_operations(contracts::read_source("proto/auth.openapi.yaml"));
  auto routed = operations_of(common::http::list_routes(auth::http::public_route_table()));
  REQUIRE(documented.count("POST /api/auth/login") == 1);
  REQUIRE(routed.size() >= 10);
  check_same(documented, with_built_ins(routed, true), "auth-service public API");
}

TEST_CASE("auth internal routes match proto/internal.openapi.yaml", "[contracts]") {
  auto documented = contracts::openapi_operations(contracts::read_source("proto/internal.openapi.yaml"));
  auto routed = operations_of(common::http::list_routes(auth::http::internal_route_table()));
  REQUIRE(documented.count("GET /internal/v1/keys/{provider}") == 1);
  check_same(documented, with_built_ins(routed, false), "auth-service internal API");
}

TEST_CASE("council routes match proto/council.openapi.yaml", "[contracts]") {
  auto documented = contracts::openapi_operations(contracts::read_source("proto/council.openapi.yaml"));
  auto routed = operations_of(common::http::list_routes(council::http::route_table()));
  REQUIRE(documented.count("POST /api/conversations/{id}/message/stream") == 1);
  REQUIRE(routed.size() >= 7);
  check_same(documented, with_built_ins(routed, true), "council-service public API");
}

TEST_CASE("the gateway routes every documented public path to its service and no internal path", "[contracts]") {
  auto locations = contracts::gateway_locations(contracts::read_source("deploy/gateway/nginx.conf.template"));
  const std::pair<const char*, const char*> documents[] = {{"proto/auth.openapi.yaml", "auth_service"},
                                                           {"proto/council.openapi.yaml", "council_service"},
                                                           {"proto/internal.openapi.yaml", ""}};
  for (const auto& [document, upstream] : documents) {
    for (const auto& op : contracts::openapi_operations(contracts::read_source(document))) {
      std::string path = op.substr(op.find(' ') + 1);
      if (is_probe(path)) continue;
      std::string concrete = path;
      for (auto open = concrete.find('{'); open != std::string::npos; open = concrete.find('{'))
        concrete.replace(open, concrete.find('}', open) - open + 1, "0b5a3d4e-1111-4222-8333-944455556666");
      INFO(document << ": " << op);
      CHECK(contracts::gateway_upstream(locations, concrete) == upstream);
    }
  }
}
