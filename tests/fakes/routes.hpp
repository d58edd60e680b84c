// HTTP routes of the fake OpenRouter: chat completions and the /_fake control endpoints.
#pragma once
#include "common/http/router.hpp"
#include "fakes/state.hpp"

namespace fake_openrouter {

/// POST /api/v1/chat/completions (and /chat/completions); GET /api/v1/key (and /key); POST /_fake/config,
/// POST /_fake/reset, GET /_fake/requests, GET /_fake/key-requests. `state` must outlive the router.
common::http::router make_routes(fake_state& state);

}  // namespace fake_openrouter
