// Line scan of the Prometheus text format: `<series> <value>` per sample, comments skipped.
#include "support/prometheus_text.hpp"
#include <sstream>

namespace test_support {

std::optional<double> metric_sample(const std::string& page, const std::string& series) {
  std::istringstream lines(page);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nullopt;
}

}  // namespace test_support
