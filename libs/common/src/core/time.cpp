// RFC 3339 formatting and PostgreSQL timestamptz parsing (UTC).
#include "common/core/time.hpp"
#include <cstdio>
#include <ctime>

namespace common {

sys_time now_utc() { return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()); }

long long unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string format_rfc3339(sys_time t) {
  auto us = t.time_since_epoch().count();
  auto secs = static_cast<std::time_t>(us / 1000000);
  long frac = static_cast<long>(us % 1000000);
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::optional<sys_time> parse_pg_timestamp(std::string_view text) {
  // Format: YYYY-MM-DD HH:MM:SS[.ffffff]+00[:00]
  int y, mo, d, h, mi, s;
  if (text.size() < 19) return std::nullopt;
  std::string head(text.substr(0, 19));
  if (std::sscanf(head.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6) return std::nullopt;
  std::size_t i = 19;
  long frac = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (digits < 6) {
        frac = frac * 10 + (text[i] - '0');
        ++digits;
      }
      ++i;
    }
    while (digits++ < 6) frac *= 10;
  }
  long offset_sec = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    int sign = text[i] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    std::string rest(text.substr(i + 1));
    if (std::sscanf(rest.c_str(), "%2d:%2d", &oh, &om) < 1) return std::nullopt;
    offset_sec = sign * (oh * 3600L + om * 60L);
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t secs = timegm(&tm) - offset_sec;
  return sys_time(std::chrono::microseconds(static_cast<long long>(secs) * 1000000 + frac));
}
}  // namespace common
