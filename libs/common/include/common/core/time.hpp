// Wall-clock helpers: RFC 3339 UTC formatting and parsing.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace common {
using sys_time = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;
/// Current UTC time with microsecond precision.
sys_time now_utc();
/// `2026-11-22T03:17:13.315987Z`: the one RFC 3339 formatter (logs, API timestamps, timestamptz columns).
std::string format_rfc3339(sys_time t);
/// Parses PostgreSQL's `timestamptz` text output in UTC (`2026-11-22 03:17:13.315987+00`).
std::optional<sys_time> parse_pg_timestamp(std::string_view text);
/// Seconds since the Unix epoch.
long long unix_seconds();
}  // namespace common
