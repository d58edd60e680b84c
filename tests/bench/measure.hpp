// Measuring helpers of the bench binaries: percentiles, /proc CPU and RSS readings, the `figure` output line.
#pragma once
#include <string>
#include <vector>

namespace bench {

/// The p-quantile (0..1, nearest rank) of `samples`; 0 when empty.
double percentile(std::vector<double> samples, double p);

/// CPU seconds (utime + stime from /proc/<pid>/stat) used so far by `pid`; 0 when unreadable.
double cpu_seconds(int pid);

/// VmRSS of `pid` in KiB; 0 when unreadable.
long rss_kib(int pid);

/// Prints `figure <name> <value>` alone: a figure with no reference measured beside it.
void figure(const std::string& name, double value);

/// Prints `figure <name> <value> <relation> <reference> <reference_value> ratio <value/reference_value>`;
/// `relation` is "ceiling" (the most the figure could reach) or "floor" (the least it could take).
void figure(const std::string& name, double value, const std::string& relation, const std::string& reference,
            double reference_value);

/// Integer environment variable `name`, or `fallback` when unset or empty.
long env_int(const char* name, long fallback);

/// Environment variable `name`; throws std::runtime_error naming it when unset or empty.
std::string env_required(const char* name);

/// True when BENCH_SMOKE=1 (a few seconds per figure, only to keep the benchmark working).
bool smoke();

}  // namespace bench
