// Per-request Prometheus metrics of the HTTP server (the `/metrics` response is in probes.hpp).
#pragma once
#include "common/http/message.hpp"
#include "common/http/probes.hpp"
#include <string_view>

namespace common::http {

/// Counts one answered request in `http_requests_total` and its duration in `http_request_duration_seconds`,
/// labelled by server, method, route pattern ("unmatched" when no route matched: keeps cardinality bounded)
/// and status.
void record_request(std::string_view server, const request& req, int status, double seconds);

}  // namespace common::http
