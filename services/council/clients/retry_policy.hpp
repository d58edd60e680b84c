// When and how long to wait before retrying an upstream call (pure; the client applies it).
#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace council::clients {

/// Longest Retry-After honoured; longer values are capped to this.
constexpr std::chrono::milliseconds max_retry_after{30000};

/// True for statuses worth another try: 429 and every 5xx.
bool is_retryable_status(int status);
/// Exponential back-off before try `failed_tries + 1`: 250 ms, 500 ms, 1 s, ... capped at 8 s,
/// scaled by `jitter` in [0, 1] into the upper half of that window ("equal jitter").
std::chrono::milliseconds backoff_delay(int failed_tries, double jitter);
/// Parses a Retry-After value given in seconds (fractions allowed) and caps it at max_retry_after;
/// nullopt for anything else (HTTP dates are treated as absent).
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

}  // namespace council::clients
