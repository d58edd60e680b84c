// Reads single samples out of a Prometheus text-format page (what GET /metrics returns).
#pragma once
#include <optional>
#include <string>

namespace test_support {

/// The value of the sample whose name and labels are exactly `series` (e.g. `x_total{a="b"}` or `y`), if present.
std::optional<double> metric_sample(const std::string& page, const std::string& series);

}  // namespace test_support
