// Prometheus metrics: labelled counters, gauges and histograms rendered in the text exposition format.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace common::metrics {

/// Label values in the order of the family's label names.
using labels = std::vector<std::string>;

/// All metric families of one process. Thread-safe; one instance per process (see global()).
class registry {
public:
  /// Adds `value` to the counter `name{labels}`; declares the family on first use.
  void count(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
             const labels& values, double value = 1);
  /// Sets the gauge `name{labels}` to `value`.
  void set(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
           const labels& values, double value);
  /// Records one observation (seconds) in the histogram `name{labels}` with the default latency buckets.
  void observe(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
               const labels& values, double seconds);
  /// Registers a gauge whose value is read at scrape time (pool sizes and the like).
  void gauge_callback(const std::string& name, const std::string& help, std::function<double()> read);
  /// The whole registry in Prometheus text format 0.0.4.
  std::string render() const;

private:
  struct series {
    double value = 0;
    std::vector<double> buckets;
    double sum = 0;
    unsigned long long count = 0;
  };
  struct family {
    std::string help;
    std::string type;
    std::vector<std::string> label_names;
    std::map<labels, series> values;
  };
  family& family_of(const std::string& name, const std::string& help, const std::string& type,
                    const std::vector<std::string>& label_names);
  mutable std::mutex mutex_;
  std::map<std::string, family> families_;
  std::map<std::string, std::pair<std::string, std::function<double()>>> callbacks_;
};

/// The process-wide registry.
registry& global();

}  // namespace common::metrics
