// The probe answers every service gives the same shape: GET /healthz (the server answers it itself),
// GET /readyz (each service lists its readiness checks), GET /metrics (Prometheus text).
#pragma once
#include "common/http/message.hpp"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace common::http {

/// One readiness condition: nullopt when met, else one sentence naming what is missing.
using readiness_check = std::function<awaitable<std::optional<std::string>>()>;

/// 200 {"status": "ok"}: the process answers.
response healthz_response();
/// Runs `checks` in order: 200 {"status": "ready"} when all are met, else 503 {"detail"} of the first unmet one.
awaitable<response> readyz_response(const std::vector<readiness_check>& checks);
/// 200 with the process metrics registry in Prometheus text format 0.0.4.
response metrics_response();

}  // namespace common::http
