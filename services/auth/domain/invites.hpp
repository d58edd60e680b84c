// Invite codes for REGISTRATION_MODE=invite: issued by an admin or on the command line, shown once, stored only as
// SHA-256, used up one registration at a time (domain/accounts).
#pragma once
#include "auth/api.hpp"
#include "auth/domain/types.hpp"
#include "common/pg/pool.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace auth::domain {

/// Bounds of an invite: 1..1000 uses, valid one minute to 365 days.
inline constexpr int max_invite_uses = 1000;
inline constexpr long long min_invite_lifetime = 60;
inline constexpr long long max_invite_lifetime = 365LL * 86400;

/// How many registrations an invite admits and for how long (within the bounds above).
struct invite_terms {
  int uses = 1;
  long long lifetime_seconds = 7LL * 86400;
};

/// What is stored for an invite code: its raw SHA-256 (the code is trimmed first).
std::string invite_code_hash(std::string_view code);
/// Makes and stores a new invite code, audited as invite_created on `admin_id` (nullopt: the command line).
common::awaitable<api::invite_out> issue_invite(common::pg::pool& db, invite_terms terms,
                                                std::optional<std::string> admin_id, client_info client);

}  // namespace auth::domain
