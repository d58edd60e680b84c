// Sessions: access-token checks, refresh-token rotation with reuse detection, logout, listing and revocation.
#pragma once
#include "auth/api.hpp"
#include "auth/domain/services.hpp"
#include "auth/domain/types.hpp"
#include <string>
#include <vector>

namespace auth::domain {

/// The caller of a valid access token whose session is active; user_not_found when the account is gone.
common::awaitable<outcome<principal>> authenticate(services& svc, std::string access_token);
/// The profile of the caller of a valid access token whose session is active, in one query; invalid_token
/// otherwise, user_not_found when the account is gone.
common::awaitable<outcome<api::user_out>> whoami(services& svc, std::string access_token);
/// Starts a session for `user_id` and returns its first tokens.
common::awaitable<api::token_response> open_session(services& svc, std::string user_id, client_info client);
/// open_session() with the session written through `db` (e.g. the transaction that also writes its audit row).
common::awaitable<api::token_response> open_session(services& svc, common::pg::queryable& db, std::string user_id,
                                                    client_info client);
/// Rotates a refresh token. A repeat of the just-rotated token within the grace gets the same new token;
/// an older rotated token revokes the whole session. invalid_token otherwise.
common::awaitable<outcome<api::token_response>> refresh(services& svc, std::string refresh_token, client_info client);
/// Ends the session of `refresh_token`; invalid_token when it is not an active session's token.
common::awaitable<outcome<void>> logout(services& svc, std::string refresh_token, client_info client);
/// The caller's active sessions.
common::awaitable<std::vector<api::session_out>> list_sessions(services& svc, principal who);
/// Revokes one of the caller's sessions; session_not_found otherwise.
common::awaitable<outcome<void>> revoke_session(services& svc, principal who, std::string session_id,
                                                client_info client);

}  // namespace auth::domain
