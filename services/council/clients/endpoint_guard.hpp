// Decides whether a user's custom endpoint may be called: https and a public address (resolved now).
#pragma once
#include "common/core/asio.hpp"
#include "council/text/text_result.hpp"
#include <string>

namespace council::clients {

/// The endpoint's base URL when allowed, else a sentence for the user. With `allow_private`, internal
/// addresses pass (the local stack's fake); https is required either way. Every resolved address must be public.
common::awaitable<text::text_result> vet_endpoint(std::string url, bool allow_private);

}  // namespace council::clients
