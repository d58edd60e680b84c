// Gauges registered with an owning handle leave the registry with their owner.
#include "common/metrics/registry.hpp"
#include <catch2/catch.hpp>

TEST_CASE("a gauge registration removes its gauge when destroyed or reset", "[kit][metrics]") {
  common::metrics::registry r;
  {
    auto owned = r.gauge("owned_things", "Things owned.", [] { return 3.0; });
    CHECK(r.render().find("owned_things 3\n") != std::string::npos);
    common::metrics::registration moved = std::move(owned);
    CHECK(r.render().find("owned_things 3\n") != std::string::npos);
  }
  CHECK(r.render().find("owned_things") == std::string::npos);

  auto first = r.gauge("replaced", "Replaced.", [] { return 1.0; });
  auto second = r.gauge("replaced", "Replaced.", [] { return 2.0; });
  first.reset();  // an older handle does not remove the newer registration
  CHECK(r.render().find("replaced 2\n") != std::string::npos);
  second.reset();
  CHECK(r.render().find("replaced") == std::string::npos);
}
