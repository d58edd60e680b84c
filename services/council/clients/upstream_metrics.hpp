// Prometheus series for calls to the model provider: one count and one latency observation per try.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

namespace council::clients {

/// Counts one try in council_upstream_requests_total{model,status} and its duration in
/// council_upstream_request_duration_seconds{model}. `status` is the HTTP status, or "timeout", "connection_error",
/// "bad_response" (200 without a usable answer).
void record_upstream_try(const std::string& model, std::string_view status, std::chrono::steady_clock::duration elapsed);

}  // namespace council::clients
