// Prometheus text rendering of counters, gauges, histograms and scrape-time gauges.
#include "common/metrics/registry.hpp"
#include <utility>
#include <array>
#include <sstream>

namespace common::metrics {
namespace {
constexpr std::array<double, 12> bucket_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

std::string escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string label_text(const std::vector<std::string>& names, const labels& values, const std::string& extra = {}) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    out += out.empty() ? "" : ",";
    out += names[i] + "=\"" + escape(values[i]) + "\"";
  }
  if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
  return out.empty() ? "" : "{" + out + "}";
}

std::string number(double v) {
  std::ostringstream ss;
  ss << v;
  return ss.str();
}
}  // namespace

registry::family& registry::family_of(const std::string& name, const std::string& help, const std::string& type,
                                      const std::vector<std::string>& label_names) {
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.help = help;
    it->second.type = type;
    it->second.label_names = label_names;
  }
  return it->second;
}

void registry::count(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                     const labels& values, double value) {
  std::lock_guard lock(mutex_);
  family_of(name, help, "counter", label_names).values[values].value += value;
}

void registry::set(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                   const labels& values, double value) {
  std::lock_guard lock(mutex_);
  family_of(name, help, "gauge", label_names).values[values].value = value;
}

void registry::observe(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                       const labels& values, double seconds) {
  std::lock_guard lock(mutex_);
  series& s = family_of(name, help, "histogram", label_names).values[values];
  if (s.buckets.empty()) s.buckets.assign(bucket_bounds.size(), 0);
  for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
    if (seconds <= bucket_bounds[i]) s.buckets[i] += 1;
  s.sum += seconds;
  s.count += 1;
}

void registry::gauge_callback(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  callbacks_[name] = callback{help, std::move(read), 0};
}

registration registry::gauge(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  const unsigned long long id = next_id_++;
  callbacks_[name] = callback{help, std::move(read), id};
  return registration(*this, name, id);
}

void registry::remove_gauge(const std::string& name, unsigned long long id) {
  std::lock_guard lock(mutex_);
  auto found = callbacks_.find(name);
  if (found != callbacks_.end() && found->second.id == id) callbacks_.erase(found);
}

registration::registration(registry& owner, std::string name, unsigned long long id)
    : owner_(&owner), name_(std::move(name)), id_(id) {}

registration::registration(registration&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)), name_(std::move(other.name_)), id_(other.id_) {}

registration& registration::operator=(registration&& other) noexcept {
  if (this != &other) {
    reset();
    owner_ = std::exchange(other.owner_, nullptr);
    name_ = std::move(other.name_);
    id_ = other.id_;
  }
  return *this;
}

registration::~registration() { reset(); }

void registration::reset() {
  if (owner_ != nullptr) owner_->remove_gauge(name_, id_);
  owner_ = nullptr;
}

std::string registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, fam] : families_) {
    out += "# HELP " + name + " " + fam.help + "\n# TYPE " + name + " " + fam.type + "\n";
    for (const auto& [values, s] : fam.values) {
      if (fam.type != "histogram") {
        out += name + label_text(fam.label_names, values) + " " + number(s.value) + "\n";
        continue;
      }
      for (std::size_t i = 0; i < bucket_bounds.size(); ++i)
        out += name + "_bucket" + label_text(fam.label_names, values, "le=\"" + number(bucket_bounds[i]) + "\"") + " " +
               number(s.buckets[i]) + "\n";
      out += name + "_bucket" + label_text(fam.label_names, values, "le=\"+Inf\"") + " " + number(static_cast<double>(s.count)) + "\n";
      out += name + "_sum" + label_text(fam.label_names, values) + " " + number(s.sum) + "\n";
      out += name + "_count" + label_text(fam.label_names, values) + " " + number(static_cast<double>(s.count)) + "\n";
    }
  }
  for (const auto& [name, cb] : callbacks_) {
    out += "# HELP " + name + " " + cb.help + "\n# TYPE " + name + " gauge\n" + name + " " + number(cb.read()) + "\n";
  }
  return out;
}

registry& global() {
  static registry instance;
  return instance;
}

}  // namespace common::metrics
