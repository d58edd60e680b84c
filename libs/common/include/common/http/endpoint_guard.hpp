// Decides whether a user's custom endpoint may be called: https and a public address (resolved now).
#pragma once
#include "common/core/asio.hpp"
#include <boost/system/result.hpp>
#include <string>

namespace common::http {

/// Either a vetted base URL or the sentence saying why the endpoint is refused.
using vetted_endpoint = boost::system::result<std::string, std::string>;

/// The endpoint's base URL when allowed, else a sentence for the user. With `allow_private`, internal
/// addresses pass (the local stack's fake); https is required either way. Otherwise every resolved address
/// must be public (UPSTREAM_ALLOW_PRIVATE in both services).
awaitable<vetted_endpoint> vet_endpoint(std::string url, bool allow_private);

}  // namespace common::http
