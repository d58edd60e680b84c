// Who is calling: a bearer token checked against the auth service's published keys.
#pragma once
#include "council/domain/services.hpp"
#include "council/errors.hpp"
#include <string>

namespace council::domain {

/// The user of `token`: invalid_token when it is refused (signature, claims, expiry, a revoked session, or longer
/// than 8192 characters), auth_keys_unavailable while the JWKS has never been loaded, revocations_stale while the
/// auth service's revocation feed has not been read within REVOCATION_MAX_STALENESS.
common::awaitable<outcome<caller>> authenticate(services& svc, std::string token);

}  // namespace council::domain
