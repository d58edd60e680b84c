// Looks up accounts in schema auth; needs an administrator connection (council_service cannot read auth.users).
#pragma once
#include "common/pg/pool.hpp"
#include <optional>
#include <string>

namespace council::storage {

/// The id of the account with `email` (trimmed, case-insensitive), read through an admin pool.
common::awaitable<std::optional<std::string>> find_user_id_by_email(common::pg::pool& admin, std::string email);

}  // namespace council::storage
