// HTTP routes of the fake OpenRouter: chat completions and the /_fake control endpoints.
#pragma once
#include "common/http/router.hpp"
#include "fakes/state.hpp"

namespace fake_openrouter {

/// POST /api/v1/chat/completions (and /chat/completions); POST /_fake/config, POST /_fake/reset,
/// GET /_fake/requests. `state` must outlive the router.
common::http::router make_routes(fake_state& state);

}  // namespace fake_openrouter
