// The revocation feed of the council (docs/architecture.md, "Revocation reaches the council"): sessions that ended
// before their time, read from a cursor.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include <string>

namespace auth::domain {

/// Seconds after which a revocation no longer matters: every access token of the session has expired by then
/// (ACCESS_TOKEN_TTL plus the verifiers' clock leeway and a margin for clock skew).
long long revocation_window(const services& svc);

/// Sessions ended since cursor `after` ("" or "0": everything still within revocation_window()), oldest first,
/// with the next cursor; invalid_input when `after` is not a cursor (decimal digits). Now and then (at most every
/// ten minutes per process) deletes rows older than a day.
common::awaitable<outcome<api::revocation_feed_out>> revocations_since(services& svc, std::string after);

}  // namespace auth::domain
