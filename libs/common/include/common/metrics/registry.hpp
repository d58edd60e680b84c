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

class registry;

/// Owns one scrape-time gauge of a registry: destroying (or resetting) the handle removes the gauge, so a
/// gauge never reads an owner that is gone. Movable, not copyable; empty when default-constructed.
class registration {
public:
  registration() = default;
  registration(registration&& other) noexcept;
  registration& operator=(registration&& other) noexcept;
  ~registration();
  /// Removes the gauge now (no-op when empty).
  void reset();

private:
  friend class registry;
  registration(registry& owner, std::string name, unsigned long long id);
  registry* owner_ = nullptr;
  std::string name_;
  unsigned long long id_ = 0;
};

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
  /// Registers a gauge `name` read at scrape time while the returned handle lives (replaces one of the same name).
  [[nodiscard]] registration gauge(const std::string& name, const std::string& help, std::function<double()> read);
  /// Registers a gauge read at scrape time for the rest of the process (prefer gauge(): its owner removes it).
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
  struct callback {
    std::string help;
    std::function<double()> read;
    unsigned long long id = 0;
  };
  friend class registration;
  void remove_gauge(const std::string& name, unsigned long long id);
  mutable std::mutex mutex_;
  std::map<std::string, family> families_;
  std::map<std::string, callback> callbacks_;
  unsigned long long next_id_ = 1;
};

/// The process-wide registry.
registry& global();

}  // namespace common::metrics
