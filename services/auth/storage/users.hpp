// SQL of auth.users.
#pragma once
#include "common/pg/pool.hpp"
#include "auth/domain/types.hpp"
#include <optional>
#include <string>

namespace auth::storage {

/// Inserts an account; nullopt when the email (case-insensitively) is taken.
common::awaitable<std::optional<domain::user_record>> insert_user(common::pg::pool& db, std::string email,
                                                                  std::string password_hash);
/// The account of `email`, matched case-insensitively.
common::awaitable<std::optional<domain::user_record>> find_user_by_email(common::pg::pool& db, std::string email);
/// The account with id `user_id` (a valid UUID).
common::awaitable<std::optional<domain::user_record>> find_user(common::pg::pool& db, std::string user_id);
/// Replaces the password hash.
common::awaitable<void> set_password_hash(common::pg::pool& db, std::string user_id, std::string password_hash);
/// Deletes the account (sessions, keys and council conversations cascade); false when absent.
common::awaitable<bool> delete_user(common::pg::pool& db, std::string user_id);

}  // namespace auth::storage
