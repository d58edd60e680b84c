// Percentiles, /proc readings and the figure lines that tests/bench/run collects.
#include "measure.hpp"
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace bench {
namespace {

/// A value printed with the precision its size needs (counts and rates whole, milliseconds to the microsecond).
std::string format_value(double v) {
  char text[64];
  double magnitude = v < 0 ? -v : v;
  bool whole = v == static_cast<double>(static_cast<long long>(v));
  std::snprintf(text, sizeof text, whole || magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.3f", v);
  return text;
}

}  // namespace

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
  return samples[std::min(i, samples.size() - 1)];
}

double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i)
    if (i == 14 || i == 15) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long rss_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

void figure(const std::string& name, double value) {
  std::printf("figure %s %s\n", name.c_str(), format_value(value).c_str());
  std::fflush(stdout);
}

void figure(const std::string& name, double value, const std::string& relation, const std::string& reference,
            double reference_value) {
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.3f", reference_value != 0 ? value / reference_value : 0.0);
  std::printf("figure %s %s %s %s %s ratio %s\n", name.c_str(), format_value(value).c_str(), relation.c_str(),
              reference.c_str(), format_value(reference_value).c_str(), ratio);
  std::fflush(stdout);
}

long env_int(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtol(value, nullptr, 10) : fallback;
}

std::string env_required(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') throw std::runtime_error(std::string(name) + " is not set (run tests/bench/run)");
  return value;
}

bool smoke() { return env_int("BENCH_SMOKE", 0) == 1; }

}  // namespace bench
