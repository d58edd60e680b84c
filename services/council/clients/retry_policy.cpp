// Back-off arithmetic and Retry-After parsing for upstream retries.
#include "council/clients/retry_policy.hpp"
#include <algorithm>
#include <charconv>
#include <cmath>

namespace council::clients {

bool is_retryable_status(int status) { return status == 429 || (status >= 500 && status <= 599); }

std::chrono::milliseconds backoff_delay(int failed_tries, double jitter) {
  double base = 250.0 * std::pow(2.0, std::clamp(failed_tries - 1, 0, 10));
  base = std::min(base, 8000.0);
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(base / 2 + base / 2 * jitter));
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty() || value.size() > 20) return std::nullopt;
  for (char c : value)
    if (!(c >= '0' && c <= '9') && c != '.') return std::nullopt;
  double seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(seconds) || seconds < 0) return std::nullopt;
  auto ms = std::chrono::milliseconds(static_cast<long long>(std::min(seconds, 1e6) * 1000));
  return std::min(ms, max_retry_after);
}

}  // namespace council::clients
